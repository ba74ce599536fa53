import { ulid } from 'ulid';
import * as z from '../zod';
import { conditionFailedReasons, documents, getItems, isConditionFailure } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { Problem, problems } from '../http/problem';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './passwords';
import { permissionsOf } from './permissions';
import { staffRoleSchema, type StaffRole } from './principal';
import { lazySchema } from '../lazy-schema';
import { defineAuditSubject } from '../audit/subjects';

export const staffKey = (staffId: string) => ({ pk: `STAFF#${staffId}`, sk: 'PROFILE' });
const staffEmailKey = (email: string) => ({ pk: `STAFFEMAIL#${email}`, sk: 'STAFFEMAIL' });
/**
 * Every staff member under one gsi1 key, newest first: a mall group has hundreds of staff, not millions,
 * and adds them rarely, so one partition holds them all. The key is written once, at creation, from what
 * never changes (when, and the id), so an edit never moves anyone on the list while it is paged through.
 */
export const STAFF_LIST = 'STAFFLIST';
const staffListKeys = (staffId: string, createdAt: string) => ({
  gsi1pk: STAFF_LIST,
  gsi1sk: `${createdAt}#${staffId}`,
});

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

const staffItemSchema = lazySchema(() =>
  z.object({
    staffId: z.string(),
    email: z.string(),
    name: z.string(),
    roles: z.array(staffRoleSchema),
    storeIds: z._default(z.array(z.string()), []),
    passwordHash: z.string(),
    active: z.boolean(),
    createdAt: z.string(),
    /** Kept beside the two-factor record, in the same transaction, so the staff list shows it. */
    twoFactorEnabled: z._default(z.boolean(), false),
  }),
);
export type StaffRecord = z.infer<typeof staffItemSchema>;

/** Creates a staff member; the email is claimed in the same transaction, so it is unique. */
export async function createStaff(input: {
  email: string;
  name: string;
  roles: StaffRole[];
  storeIds?: string[];
  password: string;
}) {
  const staffId = ulid();
  const email = normaliseEmail(input.email);
  const record: StaffRecord = {
    staffId,
    email,
    name: input.name,
    roles: input.roles,
    storeIds: input.storeIds ?? [],
    passwordHash: await hashPassword(input.password),
    active: true,
    createdAt: new Date().toISOString(),
    twoFactorEnabled: false,
  };
  try {
    await documents.transactWrite({
      TransactItems: [
        {
          Put: {
            TableName: tableNameFromEnv('main'),
            Item: { ...staffEmailKey(email), staffId },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: tableNameFromEnv('main'),
            Item: { ...staffKey(staffId), ...record, ...staffListKeys(staffId, record.createdAt) },
          },
        },
      ],
    });
  } catch (error) {
    if (conditionFailedReasons(error)?.[0] === 'ConditionalCheckFailed') {
      throw new Problem(409, 'STAFF_EMAIL_TAKEN', 'Conflict', 'A staff member with this email exists.');
    }
    throw error;
  }
  return { staffId, email, roles: record.roles };
}

export async function getStaff(staffId: string): Promise<StaffRecord | undefined> {
  const { Item } = await documents.get({
    TableName: tableNameFromEnv('main'),
    Key: staffKey(staffId),
    ConsistentRead: true,
  });
  return Item ? staffItemSchema.parse(Item) : undefined;
}

const staffAuthoritySchema = lazySchema(() =>
  z.object({
    roles: z.array(staffRoleSchema),
    storeIds: z._default(z.array(z.string()), []),
    active: z.boolean(),
  }),
);
/** What a staff member may do now: their roles, their stores, and whether the account is active. */
export type StaffAuthority = z.infer<typeof staffAuthoritySchema>;

/**
 * A staff member's authority as stored, or undefined when there is no such staff member. `consistent`
 * reads the latest write; otherwise DynamoDB may answer from a copy a moment old, at half the cost.
 */
export async function readStaffAuthority(
  staffId: string,
  { consistent }: { consistent: boolean },
): Promise<StaffAuthority | undefined> {
  const { Item } = await documents.get({
    TableName: tableNameFromEnv('main'),
    Key: staffKey(staffId),
    ConsistentRead: consistent,
    ProjectionExpression: '#roles, #stores, #active',
    ExpressionAttributeNames: { '#roles': 'roles', '#stores': 'storeIds', '#active': 'active' },
  });
  return Item ? staffAuthoritySchema.parse(Item) : undefined;
}

export async function findStaffIdByEmail(email: string): Promise<string | undefined> {
  const { Item } = await documents.get({
    TableName: tableNameFromEnv('main'),
    Key: staffEmailKey(normaliseEmail(email)),
    ConsistentRead: true,
  });
  return Item ? z.object({ staffId: z.string() }).parse(Item).staffId : undefined;
}

/** The active staff member with these credentials, or undefined; equally slow either way. */
export async function authenticateStaff(email: string, password: string): Promise<StaffRecord | undefined> {
  const staffId = await findStaffIdByEmail(email);
  const staff = staffId ? await getStaff(staffId) : undefined;
  if (!staff) return verifyAgainstDecoy(password).then(() => undefined);
  const valid = await verifyPassword(password, staff.passwordHash);
  return valid && staff.active ? staff : undefined;
}

/** Replaces a staff member's password hash. */
export async function setStaffPassword(staffId: string, password: string) {
  await documents.update({
    TableName: tableNameFromEnv('main'),
    Key: staffKey(staffId),
    UpdateExpression: 'SET passwordHash = :hash',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':hash': await hashPassword(password) },
  });
}

/**
 * Changes a staff member's roles, and their stores when given (left out, they stay). Requests read them
 * from here: routes that hand out authority at once, the others within 30 s (lib/auth/staff-access.ts).
 */
export async function setStaffRoles(staffId: string, roles: StaffRole[], storeIds?: string[]) {
  try {
    await documents.update({
      TableName: tableNameFromEnv('main'),
      Key: staffKey(staffId),
      UpdateExpression: storeIds ? 'SET #roles = :roles, storeIds = :stores' : 'SET #roles = :roles',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#roles': 'roles' },
      ExpressionAttributeValues: { ':roles': roles, ...(storeIds ? { ':stores': storeIds } : {}) },
    });
  } catch (error) {
    if (isConditionFailure(error)) throw problems.notFound(`Staff ${staffId}`);
    throw error;
  }
}

/**
 * Deactivates a staff member: no sign-in, no refresh; the authorizer refuses their tokens, and the HTTP
 * stack refuses them even where the authorizer's answer is cached (lib/auth/staff-access.ts).
 */
export async function deactivateStaff(staffId: string, now = new Date()) {
  try {
    await documents.update({
      TableName: tableNameFromEnv('main'),
      Key: staffKey(staffId),
      UpdateExpression: 'SET active = :false, deactivatedAt = :now',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':false': false, ':now': now.toISOString() },
    });
  } catch (error) {
    if (isConditionFailure(error)) throw problems.notFound(`Staff ${staffId}`);
    throw error;
  }
}

/** What staff management shows of a staff member: never the password hash. */
export const staffView = (staff: Omit<StaffRecord, 'passwordHash'>) => ({
  id: staff.staffId,
  email: staff.email,
  name: staff.name,
  roles: staff.roles,
  storeIds: staff.storeIds,
  active: staff.active,
  twoFactorEnabled: staff.twoFactorEnabled,
});

/**
 * A staff member as the audit trail names them (`staff:<id>`). Their name and work email are shown to
 * the admins who read the trail; a password or its hash is never kept.
 */
export const staffAuditSubject = defineAuditSubject('staff', {
  secret: ['password', 'passwordHash', 'secret', 'otpauthUri', 'recoveryCodes'],
});

const staffContactSchema = lazySchema(() =>
  z.object({ staffId: z.string(), name: z.string(), email: z.string() }),
);

/**
 * The name and email of each of these staff members, by id, read a hundred at a time (BatchGetItem) and
 * nothing else of their records; an id no staff member holds is left out.
 */
export async function staffContacts(staffIds: readonly string[]) {
  const items = await getItems([...new Set(staffIds)].map(staffKey), 'staffId, #name, email', {
    '#name': 'name',
  });
  return new Map(
    items.map((item) => {
      const { staffId, name, email } = staffContactSchema.parse(item);
      return [staffId, { name, email }];
    }),
  );
}

/** What the staff list shows of a staff member: never the password hash, nor sign-in counts. */
export const listedStaffSchema = lazySchema(() => z.omit(staffItemSchema, { passwordHash: true }));

/**
 * Puts a staff member created before staff were listed on the list (local data upgrade and
 * `npm run staff:reindex`); true when it did, false when they were on it already.
 */
export async function listEarlierStaff(item: Record<string, unknown>): Promise<boolean> {
  const staff = listedStaffSchema.parse(item);
  const { gsi1pk, gsi1sk } = staffListKeys(staff.staffId, staff.createdAt);
  try {
    await documents.update({
      TableName: tableNameFromEnv('main'),
      Key: staffKey(staff.staffId),
      UpdateExpression: 'SET gsi1pk = :pk, gsi1sk = :sk',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(gsi1pk)',
      ExpressionAttributeValues: { ':pk': gsi1pk, ':sk': gsi1sk },
    });
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** The signed-in staff member as they see themselves: who, their roles and stores, and what they may do. */
export const ownStaffView = (staff: StaffRecord) => ({
  id: staff.staffId,
  name: staff.name,
  email: staff.email,
  roles: staff.roles,
  storeIds: staff.storeIds,
  permissions: permissionsOf(staff.roles),
});
