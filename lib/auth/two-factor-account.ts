import { recordStaffAction } from '../audit';
import { defineAuditSubject } from '../audit/subjects';
import { problems } from '../http/problem';
import type { StaffPrincipal } from './principal';
import { getStaff, staffAuditSubject, staffView } from './staff';
import { recordTwoFactorEnrolled } from './staff-sign-in';
import {
  confirmTwoFactorEnrolment,
  outcomeProblem,
  readTwoFactorPolicy,
  removeTwoFactor,
  replaceRecoveryCodes,
  setTwoFactorPolicy,
  startTwoFactorEnrolment,
  takeSecondFactor,
  twoFactorRequiredFor,
  twoFactorStatus,
} from './two-factor';

/** Where a request came from, for the audit. */
interface Context {
  correlationId: string;
  sourceIp?: string;
}

/** The staff security policy as the audit trail names it (`staff-policy:two-factor`). */
export const staffPolicyAuditSubject = defineAuditSubject('staff-policy');

/** The signed-in staff member's own two-factor sign-in, and whether the policy asks it of them. */
export async function ownTwoFactor(principal: StaffPrincipal) {
  const [status, policy] = await Promise.all([twoFactorStatus(principal.staffId), readTwoFactorPolicy()]);
  return { ...status, required: twoFactorRequiredFor(principal.roles, policy) };
}

async function activeStaff(staffId: string) {
  const staff = await getStaff(staffId);
  if (!staff?.active) throw problems.unauthorized();
  return staff;
}

export async function startOwnEnrolment(principal: StaffPrincipal) {
  const staff = await activeStaff(principal.staffId);
  return startTwoFactorEnrolment(staff.staffId, staff.email);
}

export async function confirmOwnEnrolment(principal: StaffPrincipal, code: string, context: Context) {
  const recoveryCodes = await confirmTwoFactorEnrolment(principal.staffId, code);
  await recordTwoFactorEnrolled(principal, principal.staffId, context.correlationId, context.sourceIp);
  return { recoveryCodes };
}

export async function replaceOwnRecoveryCodes(principal: StaffPrincipal, code: string, context: Context) {
  const recoveryCodes = await replaceRecoveryCodes(principal.staffId, code);
  await recordStaffAction({
    actor: principal,
    action: 'staff.two-factor-recovery-codes',
    target: staffAuditSubject.target(principal.staffId),
    after: { recoveryCodesLeft: recoveryCodes.length },
    ...context,
  });
  return { recoveryCodes };
}

/**
 * Switches the signed-in staff member's second factor off, for a code that proves they hold it; not while
 * the policy asks it of them.
 */
export async function disableOwnTwoFactor(principal: StaffPrincipal, code: string, context: Context) {
  const { enabled, required } = await ownTwoFactor(principal);
  if (!enabled)
    throw problems.conflict('TWO_FACTOR_NOT_ENABLED', 'Two-factor sign-in is not on for this account.');
  if (required)
    throw problems.conflict('TWO_FACTOR_REQUIRED', 'The policy requires two-factor sign-in for your role.');
  const outcome = await takeSecondFactor(principal.staffId, code);
  if (!outcome.accepted) throw outcomeProblem(outcome.reason);
  await removeTwoFactor(principal.staffId);
  await recordStaffAction({
    actor: principal,
    action: 'staff.two-factor-disable',
    target: staffAuditSubject.target(principal.staffId),
    before: { twoFactorEnabled: true },
    after: { twoFactorEnabled: false },
    ...context,
  });
}

/** An admin switches a staff member's second factor off (a lost phone and lost codes), audited. */
export async function resetStaffTwoFactor(principal: StaffPrincipal, staffId: string, context: Context) {
  const staff = await getStaff(staffId);
  if (!staff) throw problems.notFound(`Staff ${staffId}`);
  const { wasEnabled } = await removeTwoFactor(staffId);
  await recordStaffAction({
    actor: principal,
    action: 'staff.two-factor-reset',
    target: staffAuditSubject.target(staffId),
    before: { twoFactorEnabled: wasEnabled },
    after: { twoFactorEnabled: false },
    ...context,
  });
  return staffView({ ...staff, twoFactorEnabled: false });
}

export const twoFactorPolicyView = (policy: { requiredForAdmins: boolean; updatedAt?: string }) => ({
  requiredForAdmins: policy.requiredForAdmins,
  updatedAt: policy.updatedAt ?? null,
});

export async function changeTwoFactorPolicy(
  principal: StaffPrincipal,
  requiredForAdmins: boolean,
  context: Context,
) {
  const before = await readTwoFactorPolicy();
  const after = await setTwoFactorPolicy(requiredForAdmins, principal.staffId);
  await recordStaffAction({
    actor: principal,
    action: 'staff.two-factor-policy',
    target: staffPolicyAuditSubject.target('two-factor'),
    before: { requiredForAdmins: before.requiredForAdmins },
    after: { requiredForAdmins },
    ...context,
  });
  return twoFactorPolicyView(after);
}
