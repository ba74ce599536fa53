import { createHash, randomBytes } from 'node:crypto';
import * as z from '../zod';
import { conditionFailedReasons, documents, isConditionFailure } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { Problem, problems } from '../http/problem';
import { lazySchema } from '../lazy-schema';
import { open, seal, sealedSchema } from '../pos/secret-box';
import type { StaffRole } from './principal';
import { staffKey } from './staff';
import { base32Decode, base32Encode, matchTotpStep, newTotpSecret, otpauthUri } from './totp';

/**
 * A staff member's second factor: an authenticator app's shared secret (TOTP) and single-use recovery
 * codes. Kept on the staff member's partition:
 * | item        | pk              | sk         | notes                                                      |
 * |-------------|-----------------|------------|------------------------------------------------------------|
 * | two-factor  | STAFF#<id>      | TWOFACTOR  | secret sealed (AES-256-GCM), lastStep, recovery code hashes |
 * | policy      | SETTINGS#STAFF  | TWOFACTOR  | whether admins must use a second factor                     |
 * The profile's `twoFactorEnabled` changes in the same transaction as the item, for the staff list.
 */
const twoFactorKey = (staffId: string) => ({ pk: `STAFF#${staffId}`, sk: 'TWOFACTOR' });
const policyKey = { pk: 'SETTINGS#STAFF', sk: 'TWOFACTOR' };

/** What the otpauth label names as the account's issuer in the authenticator app. */
export const TOTP_ISSUER = 'SBM CRM';
export const RECOVERY_CODE_COUNT = 10;

const twoFactorItemSchema = lazySchema(() =>
  z.object({
    status: z.enum(['pending', 'enabled']),
    secret: sealedSchema,
    startedAt: z.string(),
    enabledAt: z.optional(z.string()),
    /** The last time step whose code was taken: a code is good once, so only later steps are. */
    lastStep: z.optional(z.int()),
    recoveryCodes: z.optional(z.set(z.string())),
  }),
);
type TwoFactorItem = z.infer<typeof twoFactorItemSchema>;

/** The sealed secret is bound to its staff member: moved to another record it does not open. */
const sealContext = (staffId: string) => `staff-totp:${staffId}`;

async function readItem(staffId: string): Promise<TwoFactorItem | undefined> {
  const { Item } = await documents.get({
    TableName: tableNameFromEnv('main'),
    Key: twoFactorKey(staffId),
    ConsistentRead: true,
  });
  return Item ? twoFactorItemSchema.parse(Item) : undefined;
}

const codeInvalid = () =>
  new Problem(400, 'TWO_FACTOR_CODE_INVALID', 'Bad request', 'The code is wrong or has expired.');

/**
 * Recovery codes: 10 characters of base32 (50 bits) shown as `xxxxx-xxxxx`. Stored as SHA-256 hashes
 * salted with the staff id: at 50 random bits a slow hash adds nothing, and the salt keeps one
 * account's hashes from matching another's.
 */
export const normaliseRecoveryCode = (code: string) => code.replace(/[\s-]/g, '').toLowerCase();
const hashRecoveryCode = (staffId: string, code: string) =>
  createHash('sha256')
    .update(`${staffId}:${normaliseRecoveryCode(code)}`)
    .digest('base64url');
function newRecoveryCodes() {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const text = base32Encode(randomBytes(7)).slice(0, 10).toLowerCase();
    return `${text.slice(0, 5)}-${text.slice(5)}`;
  });
}
/** A recovery code as people type it: 10 letters and digits, with or without the dash. */
export const looksLikeRecoveryCode = (code: string) => /^[a-z2-7]{10}$/.test(normaliseRecoveryCode(code));

/** Whether a staff member has a second factor switched on, since when, and how many recovery codes are left. */
export async function twoFactorStatus(staffId: string) {
  const item = await readItem(staffId);
  const enabled = item?.status === 'enabled';
  return {
    enabled,
    enabledAt: enabled ? (item.enabledAt ?? null) : null,
    recoveryCodesLeft: enabled ? (item.recoveryCodes?.size ?? 0) : 0,
  };
}

/**
 * Starts (or starts again) enrolling an authenticator app: a new secret, kept sealed and pending until
 * the staff member confirms it with a first code. Refused while a second factor is already on.
 * Answers the secret (base32, for typing in) and the otpauth URI for the QR code: shown once, never logged.
 */
export async function startTwoFactorEnrolment(staffId: string, email: string, now = new Date()) {
  const secret = newTotpSecret();
  try {
    await documents.put({
      TableName: tableNameFromEnv('main'),
      Item: {
        ...twoFactorKey(staffId),
        status: 'pending',
        secret: await seal(base32Encode(secret), sealContext(staffId), 'staffSecretBox'),
        startedAt: now.toISOString(),
      },
      ConditionExpression: 'attribute_not_exists(pk) OR #status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':pending': 'pending' },
    });
  } catch (error) {
    if (isConditionFailure(error)) throw alreadyEnabled();
    throw error;
  }
  return {
    secret: base32Encode(secret),
    otpauthUri: otpauthUri({ issuer: TOTP_ISSUER, account: email, secret }),
  };
}

const alreadyEnabled = () =>
  problems.conflict('TWO_FACTOR_ALREADY_ENABLED', 'Two-factor sign-in is already on for this account.');

const secretOf = async (staffId: string, item: TwoFactorItem) =>
  base32Decode(await open(item.secret, sealContext(staffId), 'staffSecretBox'));

/**
 * Switches the second factor on once the first code from the app proves it holds the secret; that
 * code's step counts as used. Answers the recovery codes, in clear this once: only their hashes are kept.
 */
export async function confirmTwoFactorEnrolment(staffId: string, code: string, now = new Date()) {
  const item = await readItem(staffId);
  if (item?.status === 'enabled') throw alreadyEnabled();
  if (!item) throw problems.conflict('TWO_FACTOR_NOT_STARTED', 'Start enrolling an authenticator app first.');
  const step = matchTotpStep(await secretOf(staffId, item), code, now);
  if (step === undefined) throw codeInvalid();
  const codes = newRecoveryCodes();
  try {
    await documents.transactWrite({
      TransactItems: [
        {
          Update: {
            TableName: tableNameFromEnv('main'),
            Key: twoFactorKey(staffId),
            UpdateExpression:
              'SET #status = :enabled, enabledAt = :now, lastStep = :step, recoveryCodes = :codes',
            // The enrolment this code was checked against, not one started again meanwhile.
            ConditionExpression: '#status = :pending AND startedAt = :startedAt',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':enabled': 'enabled',
              ':pending': 'pending',
              ':now': now.toISOString(),
              ':step': step,
              ':codes': new Set(codes.map((recovery) => hashRecoveryCode(staffId, recovery))),
              ':startedAt': item.startedAt,
            },
          },
        },
        setProfileFlag(staffId, true),
      ],
    });
  } catch (error) {
    if (conditionFailedReasons(error)) throw codeInvalid();
    throw error;
  }
  return codes;
}

const setProfileFlag = (staffId: string, enabled: boolean) => ({
  Update: {
    TableName: tableNameFromEnv('main'),
    Key: staffKey(staffId),
    UpdateExpression: 'SET twoFactorEnabled = :enabled',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':enabled': enabled },
  },
});

/** How a second-factor code was taken, or why not. */
export type SecondFactorOutcome =
  | { accepted: true; factor: 'totp' }
  | { accepted: true; factor: 'recovery-code'; recoveryCodesLeft: number }
  | { accepted: false; reason: 'invalid' | 'used' };

/**
 * Checks an authenticator code: one of now's step or a step either side, and later than the last step
 * taken, which the same conditional write records: a code is good once, and of two requests with the
 * same code at the same moment, one wins.
 */
export async function takeTotpCode(
  staffId: string,
  code: string,
  now = new Date(),
): Promise<SecondFactorOutcome> {
  const item = await readItem(staffId);
  if (item?.status !== 'enabled') return { accepted: false, reason: 'invalid' };
  const step = matchTotpStep(await secretOf(staffId, item), code, now);
  if (step === undefined) return { accepted: false, reason: 'invalid' };
  try {
    await documents.update({
      TableName: tableNameFromEnv('main'),
      Key: twoFactorKey(staffId),
      UpdateExpression: 'SET lastStep = :step',
      ConditionExpression: '#status = :enabled AND (attribute_not_exists(lastStep) OR lastStep < :step)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':step': step, ':enabled': 'enabled' },
    });
    return { accepted: true, factor: 'totp' };
  } catch (error) {
    if (isConditionFailure(error)) return { accepted: false, reason: 'used' };
    throw error;
  }
}

/**
 * Takes a recovery code out of the set in one conditional write: each is good once, and of two
 * requests with the same code, exactly one gets it.
 */
export async function takeRecoveryCode(staffId: string, code: string): Promise<SecondFactorOutcome> {
  const hash = hashRecoveryCode(staffId, code);
  try {
    const { Attributes } = await documents.update({
      TableName: tableNameFromEnv('main'),
      Key: twoFactorKey(staffId),
      UpdateExpression: 'DELETE recoveryCodes :code',
      ConditionExpression: '#status = :enabled AND contains(recoveryCodes, :hash)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':code': new Set([hash]), ':hash': hash, ':enabled': 'enabled' },
      ReturnValues: 'ALL_NEW',
    });
    const left = twoFactorItemSchema.parse(Attributes).recoveryCodes?.size ?? 0;
    return { accepted: true, factor: 'recovery-code', recoveryCodesLeft: left };
  } catch (error) {
    if (isConditionFailure(error)) return { accepted: false, reason: 'invalid' };
    throw error;
  }
}

/** An authenticator code (6 digits) or a recovery code, whichever it looks like. */
export const takeSecondFactor = (staffId: string, code: string, now = new Date()) =>
  /^\d{6}$/.test(code.trim())
    ? takeTotpCode(staffId, code.trim(), now)
    : looksLikeRecoveryCode(code)
      ? takeRecoveryCode(staffId, code)
      : Promise.resolve<SecondFactorOutcome>({ accepted: false, reason: 'invalid' });

/**
 * New recovery codes in place of the old ones (all of them stop working), once an authenticator code
 * proves the staff member still holds the app.
 */
export async function replaceRecoveryCodes(staffId: string, totpCode: string, now = new Date()) {
  const outcome = await takeTotpCode(staffId, totpCode, now);
  if (!outcome.accepted) throw outcomeProblem(outcome.reason);
  const codes = newRecoveryCodes();
  try {
    await documents.update({
      TableName: tableNameFromEnv('main'),
      Key: twoFactorKey(staffId),
      UpdateExpression: 'SET recoveryCodes = :codes',
      ConditionExpression: '#status = :enabled',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':codes': new Set(codes.map((recovery) => hashRecoveryCode(staffId, recovery))),
        ':enabled': 'enabled',
      },
    });
  } catch (error) {
    if (isConditionFailure(error)) throw notEnabled();
    throw error;
  }
  return codes;
}

const notEnabled = () =>
  problems.conflict('TWO_FACTOR_NOT_ENABLED', 'Two-factor sign-in is not on for this account.');

/** The problem a refused code answers: wrong, or used already (wait for the app's next code). */
export const outcomeProblem = (reason: 'invalid' | 'used') =>
  reason === 'used'
    ? new Problem(
        400,
        'TWO_FACTOR_CODE_USED',
        'Bad request',
        'This code was used already; wait for the next one.',
      )
    : codeInvalid();

/**
 * Switches the second factor off (an enrolment in progress is dropped too): the item goes and the
 * profile's flag clears in one transaction. Answers whether it had been on.
 */
export async function removeTwoFactor(staffId: string): Promise<{ wasEnabled: boolean }> {
  const item = await readItem(staffId);
  await documents.transactWrite({
    TransactItems: [
      { Delete: { TableName: tableNameFromEnv('main'), Key: twoFactorKey(staffId) } },
      setProfileFlag(staffId, false),
    ],
  });
  return { wasEnabled: item?.status === 'enabled' };
}

const policySchema = lazySchema(() =>
  z.object({
    requiredForAdmins: z.boolean(),
    updatedAt: z.optional(z.string()),
    updatedBy: z.optional(z.string()),
  }),
);
/** Whether admins must sign in with a second factor; off until an admin turns it on. */
export type TwoFactorPolicy = z.infer<typeof policySchema>;

export async function readTwoFactorPolicy(): Promise<TwoFactorPolicy> {
  const { Item } = await documents.get({
    TableName: tableNameFromEnv('main'),
    Key: policyKey,
    ConsistentRead: true,
  });
  return Item ? policySchema.parse(Item) : { requiredForAdmins: false };
}

export async function setTwoFactorPolicy(requiredForAdmins: boolean, staffId: string, now = new Date()) {
  const policy = { requiredForAdmins, updatedAt: now.toISOString(), updatedBy: staffId };
  await documents.put({ TableName: tableNameFromEnv('main'), Item: { ...policyKey, ...policy } });
  return policy;
}

/** Roles the policy asks a second factor of. */
const ROLES_REQUIRING_TWO_FACTOR: readonly StaffRole[] = ['admin'];

/** Whether the policy asks a second factor of someone with these roles. */
export const twoFactorRequiredFor = (roles: readonly StaffRole[], policy: TwoFactorPolicy) =>
  policy.requiredForAdmins && roles.some((role) => ROLES_REQUIRING_TWO_FACTOR.includes(role));
