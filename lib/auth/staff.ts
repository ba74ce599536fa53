import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { z } from 'zod';
import { conditionFailedReasons, documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { Problem } from '../http/problem';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './passwords';
import { staffRoleSchema, type StaffRole } from './principal';

const staffKey = (staffId: string) => ({ pk: `STAFF#${staffId}`, sk: 'PROFILE' });
const staffEmailKey = (email: string) => ({ pk: `STAFFEMAIL#${email}`, sk: 'STAFFEMAIL' });

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

const staffItemSchema = z.object({
  staffId: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(staffRoleSchema),
  passwordHash: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
});
export type StaffRecord = z.infer<typeof staffItemSchema>;

/** Creates a staff member; the email is claimed in the same transaction, so it is unique. */
export async function createStaff(input: {
  email: string;
  name: string;
  roles: StaffRole[];
  password: string;
}) {
  const staffId = ulid();
  const email = normaliseEmail(input.email);
  const record: StaffRecord = {
    staffId,
    email,
    name: input.name,
    roles: input.roles,
    passwordHash: await hashPassword(input.password),
    active: true,
    createdAt: new Date().toISOString(),
  };
  try {
    await documents.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableNameFromEnv('main'),
              Item: { ...staffEmailKey(email), staffId },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Put: { TableName: tableNameFromEnv('main'), Item: { ...staffKey(staffId), ...record } } },
        ],
      }),
    );
  } catch (error) {
    if (conditionFailedReasons(error)?.[0] === 'ConditionalCheckFailed') {
      throw new Problem(409, 'STAFF_EMAIL_TAKEN', 'Conflict', 'A staff member with this email exists.');
    }
    throw error;
  }
  return { staffId, email, roles: record.roles };
}

export async function getStaff(staffId: string): Promise<StaffRecord | undefined> {
  const { Item } = await documents.send(
    new GetCommand({ TableName: tableNameFromEnv('main'), Key: staffKey(staffId), ConsistentRead: true }),
  );
  return Item ? staffItemSchema.parse(Item) : undefined;
}

export async function findStaffIdByEmail(email: string): Promise<string | undefined> {
  const { Item } = await documents.send(
    new GetCommand({
      TableName: tableNameFromEnv('main'),
      Key: staffEmailKey(normaliseEmail(email)),
      ConsistentRead: true,
    }),
  );
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
  await documents.send(
    new UpdateCommand({
      TableName: tableNameFromEnv('main'),
      Key: staffKey(staffId),
      UpdateExpression: 'SET passwordHash = :hash',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':hash': await hashPassword(password) },
    }),
  );
}
