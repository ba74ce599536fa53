import { analyticsFunctions } from './analytics';
import { auditFunctions } from './audit';
import { authFunctions } from './auth';
import { bookingReminderFunctions } from './booking-reminders';
import { bookingFunctions } from './bookings';
import { bookingWaitlistFunctions } from './booking-waitlist';
import { bookingAttendanceFunctions } from './booking-attendance';
import { bookingMember360Functions } from './booking-member-360';
import { campaignFunctions } from './campaigns';
import { customerFunctions } from './customers';
import { loyaltyFunctions } from './loyalty';
import { notificationFunctions } from './notifications';
import { posFunctions } from './pos';
import { venueFunctions } from './venues';
import type { FunctionDeclaration } from './types';

type UnionToIntersection<U> = (U extends unknown ? (part: U) => void : never) extends (parts: infer I) => void
  ? I
  : never;

/**
 * Joins the services' parts into one manifest, in the order given, and refuses a function name that two
 * parts declare: a spread would keep the later declaration without a word.
 */
export function assembleManifest<Parts extends Record<string, Record<string, FunctionDeclaration>>>(
  parts: Parts,
): UnionToIntersection<Parts[keyof Parts]> {
  const assembled: Record<string, FunctionDeclaration> = {};
  const declaredIn = new Map<string, string>();
  const twice: string[] = [];
  for (const [partName, part] of Object.entries(parts)) {
    for (const [name, declaration] of Object.entries(part)) {
      const first = declaredIn.get(name);
      if (first) twice.push(`${name} (in ${first} and ${partName})`);
      else declaredIn.set(name, partName);
      assembled[name] = declaration;
    }
  }
  if (twice.length > 0) throw new Error(`Functions declared twice in the manifest: ${twice.join(', ')}`);
  return assembled as UnionToIntersection<Parts[keyof Parts]>;
}

/**
 * Every function of the platform, declared once, in one part per service. CDK builds functions, triggers
 * and grants from it, the local cloud mounts the same handlers behind the same triggers, and OpenAPI is
 * generated from it. The order is that of the OpenAPI paths and the API's methods: keep it, add at the end.
 */
export const manifest = assembleManifest({
  auth: authFunctions,
  customers: customerFunctions,
  loyalty: loyaltyFunctions,
  pos: posFunctions,
  audit: auditFunctions,
  campaigns: campaignFunctions,
  notifications: notificationFunctions,
  analytics: analyticsFunctions,
  bookingReminders: bookingReminderFunctions,
  bookings: bookingFunctions,
  bookingWaitlist: bookingWaitlistFunctions,
  bookingAttendance: bookingAttendanceFunctions,
  venues: venueFunctions,
  bookingMember360: bookingMember360Functions,
});

export type FunctionName = keyof typeof manifest;

export const declarations = () => Object.entries(manifest) as [FunctionName, FunctionDeclaration][];
