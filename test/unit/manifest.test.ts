// The manifest is the spine: these tests keep it and the functions/ folder in step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../events/catalogue';
import { assembleManifest, declarations, manifest } from '../../lib/manifest';
import { analyticsFunctions } from '../../lib/manifest/analytics';
import { bookingAttendanceFunctions } from '../../lib/manifest/booking-attendance';
import { bookingMember360Functions } from '../../lib/manifest/booking-member-360';
import { auditFunctions } from '../../lib/manifest/audit';
import { authFunctions } from '../../lib/manifest/auth';
import { bookingReminderFunctions } from '../../lib/manifest/booking-reminders';
import { bookingFunctions } from '../../lib/manifest/bookings';
import { bookingWaitlistFunctions } from '../../lib/manifest/booking-waitlist';
import { campaignFunctions } from '../../lib/manifest/campaigns';
import { customerFunctions } from '../../lib/manifest/customers';
import { loyaltyFunctions } from '../../lib/manifest/loyalty';
import { notificationFunctions } from '../../lib/manifest/notifications';
import { posFunctions } from '../../lib/manifest/pos';
import { venueFunctions } from '../../lib/manifest/venues';
import type { FunctionDeclaration } from '../../lib/manifest/types';
import { parseScheduleExpression } from '../../lib/schedules/expression';

const root = join(import.meta.dirname, '../..');

function handlerFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return handlerFiles(path);
    return name.endsWith('.ts') ? [relative(root, path)] : [];
  });
}

describe('the manifest', () => {
  const declared = declarations().map(([, declaration]) => declaration.handler as string);

  it('declares every handler file under functions/', () => {
    const undeclared = handlerFiles(join(root, 'functions')).filter((file) => !declared.includes(file));
    expect(undeclared).toEqual([]);
  });

  it('points every declaration at a file that exists', () => {
    expect(declared.filter((file) => !existsSync(join(root, file)))).toEqual([]);
  });

  it('takes every function of every service part, each under its own name', () => {
    const parts = [
      authFunctions,
      customerFunctions,
      loyaltyFunctions,
      posFunctions,
      auditFunctions,
      campaignFunctions,
      notificationFunctions,
      analyticsFunctions,
      bookingReminderFunctions,
      bookingFunctions,
      bookingWaitlistFunctions,
      bookingAttendanceFunctions,
      venueFunctions,
      bookingMember360Functions,
    ];
    const names = parts.flatMap((part) => Object.keys(part));
    expect(Object.keys(manifest).sort()).toEqual([...names].sort());
    expect(new Set(names).size).toBe(names.length);
  });

  it('refuses a function name that two service parts declare', () => {
    const declaration: FunctionDeclaration = {
      service: 'auth',
      handler: 'functions/auth/logout.ts',
      description: 'Ends a session',
      trigger: { kind: 'schedule', expression: 'rate(1 hour)', description: 'Hourly' },
      access: {},
    };
    expect(() =>
      assembleManifest({
        auth: { logout: declaration },
        customers: { logout: declaration, other: declaration },
      }),
    ).toThrow('Functions declared twice in the manifest: logout (in auth and customers)');
    expect(
      Object.keys(assembleManifest({ auth: { logout: declaration }, customers: { other: declaration } })),
    ).toEqual(['logout', 'other']);
  });

  it('declares each handler file once', () => {
    expect(new Set(declared).size).toBe(declared.length);
  });

  it('gives every declared file an exported handler function', async () => {
    for (const file of declared) {
      const module = (await import(join(root, file))) as { handler?: unknown };
      expect(typeof module.handler, file).toBe('function');
    }
  });

  it('mounts each HTTP route once, under a versioned path', () => {
    const routes = declarations().flatMap(([, d]) =>
      d.trigger.kind === 'http' ? [`${d.trigger.route.method} ${d.trigger.route.path}`] : [],
    );
    expect(routes.length).toBeGreaterThan(0);
    expect(new Set(routes).size).toBe(routes.length);
    expect(routes.filter((route) => !/^\w+ \/v\d+\//.test(route))).toEqual([]);
  });

  it('has exactly one authorizer per scheme: bearer tokens and POS keys', () => {
    const schemes = declarations().flatMap(([, d]) =>
      d.trigger.kind === 'authorizer' ? [d.trigger.scheme] : [],
    );
    expect(schemes.sort()).toEqual(['bearer', 'posKey']);
  });

  it('subscribes only to events in the catalogue', () => {
    for (const [, d] of declarations()) {
      if (d.trigger.kind === 'event')
        for (const name of d.trigger.events) expect(catalogue).toHaveProperty(name);
    }
  });

  it('gives every schedule an expression EventBridge accepts', () => {
    for (const [, { trigger }] of declarations()) {
      if (trigger.kind === 'schedule')
        expect(() => parseScheduleExpression(trigger.expression)).not.toThrow();
    }
  });

  it('lets functions schedule once only oneTime-triggered functions, each of which some function schedules', () => {
    const oneTime = declarations().flatMap(([name, d]) => (d.trigger.kind === 'oneTime' ? [name] : []));
    const scheduled = declarations().flatMap(([, d]) => d.access.oneTimeSchedules ?? []);
    expect(scheduled.filter((target) => !oneTime.includes(target as never))).toEqual([]);
    expect(oneTime.filter((target) => !scheduled.includes(target))).toEqual([]);
    expect(oneTime).toContain('remindBooking');
  });

  it('gives every event consumer the idempotency table it needs to apply an event once', () => {
    for (const [name, d] of declarations()) {
      if (d.trigger.kind === 'event')
        expect(d.access.tables?.idempotency?.writes, `${name} must be idempotent on eventId`).toContain(
          'put',
        );
    }
  });

  it('gives every route that pages with a cursor the key that seals it, and no other route', () => {
    // Check-in codes are signed with a key derived from the cursor secret under its own label.
    const derivingCheckInKey = new Set(['getCheckInCode', 'checkInBooking']);
    for (const [name, d] of declarations()) {
      if (d.trigger.kind !== 'http') continue;
      const query = d.trigger.route.query as
        { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined;
      const pages = query?._zod?.def?.shape?.cursor !== undefined;
      expect(d.access.secrets?.includes('cursorKey') ?? false, `${name} and the cursor key`).toBe(
        pages || derivingCheckInKey.has(name),
      );
    }
  });
});
