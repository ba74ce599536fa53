import { createHash, randomInt } from 'node:crypto';
import { ulid } from 'ulid';
import * as z from '../zod';
import { conditionFailedReasons, documents, getItems, isConditionFailure } from '../db/client';
import { decodeCursor, encodeCursor } from '../db/cursor';
import { tableNameFromEnv } from '../db/tables';
import { Problem, problems } from '../http/problem';
import { consentRecord, genderSchema, type Customer, type ProfilePatch } from './profile';
import { lazySchema } from '../lazy-schema';
import { eventIdOf } from '../events/event-id';
import {
  lookupPrefix,
  nameIndexPartition,
  nameIndexWrites,
  nameMatches,
  namePrefixPartition,
} from './name-index';

export const customerKey = (customerId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: 'PROFILE' });
const openidKey = (openid: string) => ({ pk: `OPENID#${openid}`, sk: 'OPENID' });
const unionidKey = (unionid: string) => ({ pk: `UNIONID#${unionid}`, sk: 'UNIONID' });
const officialAccountOpenidKey = (openid: string) => ({ pk: `OAOPENID#${openid}`, sk: 'OAOPENID' });
/** E.164 without spaces: +8613800138000. */
export const e164 = (countryCode: string, phone: string) => `+${countryCode}${phone}`;
/**
 * Who registered by signing in with this phone number (an SMS code): the guard that makes two racing
 * first sign-ins one member. Its key holds a digest of the number, never the number.
 */
const phoneSignInKey = (countryCode: string, phone: string) => ({
  pk: `SIGNINPHONE#${createHash('sha256').update(e164(countryCode, phone)).digest('hex')}`,
  sk: 'SIGNINPHONE',
});

/** How a member first came: the mini program, the Official Account's web pages, or an SMS code. */
export const registrationChannels = ['wechat-mini-program', 'wechat-official-account', 'sms'] as const;
export type RegistrationChannel = (typeof registrationChannels)[number];

/** The condition of every write to a profile: an erased member's personal data never comes back. */
export const LIVE_MEMBER_CONDITION = 'attribute_exists(pk) AND attribute_not_exists(erasedAt)';

/** A write refused because the member was erased: a session's token can outlive it by the authorizer's cache. */
export const memberErased = () =>
  new Problem(410, 'MEMBER_ERASED', 'Gone', 'This member was erased; nothing more is recorded about them.');

/** What to answer for a write whose LIVE_MEMBER_CONDITION failed: 410 if the member was erased, else 404. */
export async function refusalOfWrite(customerId: string): Promise<Problem> {
  const record = await getCustomerRecord(customerId);
  return record?.erasedAt ? memberErased() : problems.notFound('Customer');
}

/** A failed condition, of a single write or of a transaction's items. */
const conditionFailed = (error: unknown) =>
  isConditionFailure(error) || !!conditionFailedReasons(error)?.includes('ConditionalCheckFailed');

const customerItemSchema = lazySchema(() =>
  z.object({
    customerId: z.string(),
    /** The mini program's openid; a member who came by the web or by SMS may have none. */
    openid: z.optional(z.string()),
    /** The openid in the Official Account (its web pages), another app's openid for the same person. */
    officialAccountOpenid: z.optional(z.string()),
    unionid: z.optional(z.string()),
    /** Left out by members who registered before there was more than the mini program. */
    channel: z.optional(z.enum(registrationChannels)),
    name: z.optional(z.string()),
    gender: z.optional(genderSchema),
    birthday: z.optional(z.string()),
    phone: z.optional(z.string()),
    phoneCountryCode: z.optional(z.string()),
    phoneBoundAt: z.optional(z.string()),
    marketingConsent: z.optional(
      z.object({ granted: z.boolean(), version: z.string(), recordedAt: z.string() }),
    ),
    createdAt: z.string(),
    erasedAt: z.optional(z.string()),
    /** When the profile was first complete (and ProfileCompleted published). */
    profileCompletedAt: z.optional(z.string()),
    /**
     * The CustomerRegistered event, kept until it is published (a one-item outbox), and until when a
     * sign-in publishing it holds the claim to do so.
     */
    registration: z.object({
      eventId: z.string(),
      published: z.boolean(),
      claimedUntil: z.optional(z.string()),
    }),
  }),
);
export type CustomerRecord = z.infer<typeof customerItemSchema>;

export function toCustomer(record: CustomerRecord): Customer {
  return {
    id: record.customerId,
    name: record.name,
    gender: record.gender,
    birthday: record.birthday,
    phone: record.phone,
    marketingConsent: record.marketingConsent,
    memberSince: record.createdAt,
  };
}

export async function getCustomerRecord(customerId: string): Promise<CustomerRecord | undefined> {
  const { Item } = await documents.get({
    TableName: tableNameFromEnv('main'),
    Key: customerKey(customerId),
    ConsistentRead: true,
  });
  return Item ? customerItemSchema.parse(Item) : undefined;
}

export async function customerIdForOpenid(openid: string): Promise<string | undefined> {
  const { Item } = await documents.get({
    TableName: tableNameFromEnv('main'),
    Key: openidKey(openid),
    ConsistentRead: true,
  });
  return Item ? z.object({ customerId: z.string() }).parse(Item).customerId : undefined;
}

/** Which WeChat app a sign-in came through: each gives the person an openid of its own. */
export type WeChatApp = 'mini-program' | 'official-account';

/** A person as one WeChat app knows them: its openid, and the unionid all apps of the platform share. */
export interface WeChatMemberIdentity {
  app: WeChatApp;
  openid: string;
  unionid?: string;
}

const appOpenid = {
  'mini-program': { field: 'openid', key: openidKey, channel: 'wechat-mini-program' },
  'official-account': {
    field: 'officialAccountOpenid',
    key: officialAccountOpenidKey,
    channel: 'wechat-official-account',
  },
} as const;

async function claimedCustomerId(key: { pk: string; sk: string }): Promise<string | undefined> {
  const { Item } = await documents.get({
    TableName: tableNameFromEnv('main'),
    Key: key,
    ConsistentRead: true,
  });
  return Item ? z.object({ customerId: z.string() }).parse(Item).customerId : undefined;
}

/** A failed condition or a conflict of racing transactions: someone else's write won. */
const lostRace = (error: unknown) =>
  isConditionFailure(error) ||
  !!conditionFailedReasons(error)?.some(
    (reason) => reason === 'ConditionalCheckFailed' || reason === 'TransactionConflict',
  );

/** Racing first sign-ins settle within a round or two: each lost round finds the winner's claims. */
const REGISTRATION_ROUNDS = 4;

/**
 * Writes a new member's profile with the claims that name them, in one transaction on condition that
 * no claim is taken (or, for `replacing`, that it still names the member it named): undefined when a
 * racing sign-in claimed one first.
 */
async function registerWithClaims(
  record: CustomerRecord,
  claims: { key: { pk: string; sk: string }; replacing?: string }[],
  extra: {
    gsi1?: { gsi1pk: string; gsi1sk: string };
    items?: Record<string, unknown>[];
    /** Items that must not exist for the registration to stand. */
    absent?: { pk: string; sk: string }[];
  } = {},
): Promise<CustomerRecord | undefined> {
  const table = tableNameFromEnv('main');
  const { customerId, createdAt } = record;
  try {
    await documents.transactWrite({
      TransactItems: [
        ...claims.map(({ key, replacing }) => ({
          Put: {
            TableName: table,
            Item: { ...key, customerId, createdAt },
            ConditionExpression: replacing ? 'customerId = :stale' : 'attribute_not_exists(pk)',
            ExpressionAttributeValues: replacing ? { ':stale': replacing } : undefined,
          },
        })),
        {
          Put: {
            TableName: table,
            Item: { ...customerKey(customerId), ...record, ...extra.gsi1 },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...(extra.items ?? []).map((item) => ({ Put: { TableName: table, Item: item } })),
        ...(extra.absent ?? []).map((key) => ({
          ConditionCheck: { TableName: table, Key: key, ConditionExpression: 'attribute_not_exists(pk)' },
        })),
      ],
    });
    return record;
  } catch (error) {
    if (lostRace(error)) return undefined;
    throw error;
  }
}

const newRecord = (
  channel: RegistrationChannel,
  now: Date,
  fields: Partial<CustomerRecord>,
): CustomerRecord => {
  const customerId = ulid();
  return {
    customerId,
    ...fields,
    channel,
    createdAt: now.toISOString(),
    registration: { eventId: eventIdOf('CustomerRegistered', customerId), published: false },
  };
};

/**
 * Finds the member behind a WeChat sign-in, by unionid and by this app's openid, or registers a new one.
 * The same person in the mini program and in the Official Account's web pages is one member: the
 * unionid names them in both. Should the two name different members (a member of the mini program
 * from before unionids were kept opened the web pages first), this app's openid wins: it names the
 * member this app has always signed in as. What the member's profile lacks of this identity (the
 * unionid, this app's openid) is linked to it. A new member's profile and claims are written in one
 * transaction guarded by the claims, so first sign-ins racing in both apps produce exactly one member.
 */
export async function findOrRegisterWeChatMember(
  identity: WeChatMemberIdentity,
  now = new Date(),
): Promise<{ record: CustomerRecord; created: boolean }> {
  const app = appOpenid[identity.app];
  for (let round = 0; round < REGISTRATION_ROUNDS; round++) {
    const [byUnionid, byOpenid] = await Promise.all([
      identity.unionid ? claimedCustomerId(unionidKey(identity.unionid)) : undefined,
      claimedCustomerId(app.key(identity.openid)),
    ]);
    const existingId = byOpenid ?? byUnionid;
    if (existingId)
      return {
        record: await linkWeChatIdentity(await requireRecord(existingId), identity, now),
        created: false,
      };
    const record = newRecord(app.channel, now, {
      [app.field]: identity.openid,
      ...(identity.unionid ? { unionid: identity.unionid } : {}),
    });
    const created = await registerWithClaims(
      record,
      [
        { key: app.key(identity.openid) },
        ...(identity.unionid ? [{ key: unionidKey(identity.unionid) }] : []),
      ],
      identity.app === 'mini-program'
        ? { gsi1: { gsi1pk: `OPENID#${identity.openid}`, gsi1sk: 'CUSTOMER' } }
        : {},
    );
    if (created) return { record: created, created: true };
  }
  throw new Error('WeChat sign-ins of one person kept racing');
}

/** The mini program's sign-in: finds the member behind its openid (or unionid), or registers one. */
export const findOrRegisterCustomer = (identity: { openid: string; unionid?: string }, now = new Date()) =>
  findOrRegisterWeChatMember({ app: 'mini-program', ...identity }, now);

/**
 * Adds to a member's profile what it lacks of a WeChat identity they signed in with: the unionid (members
 * of the mini program from before it was kept), or this app's openid (a member who came by the other
 * app). Each is claimed in the profile write's own transaction; one claimed by another member meanwhile
 * is left unlinked (the member signs in all the same).
 */
async function linkWeChatIdentity(
  record: CustomerRecord,
  identity: WeChatMemberIdentity,
  now: Date,
): Promise<CustomerRecord> {
  const app = appOpenid[identity.app];
  const links: {
    field: 'openid' | 'officialAccountOpenid' | 'unionid';
    value: string;
    key: { pk: string; sk: string };
  }[] = [];
  if (record[app.field] === undefined)
    links.push({ field: app.field, value: identity.openid, key: app.key(identity.openid) });
  if (identity.unionid && record.unionid === undefined)
    links.push({ field: 'unionid', value: identity.unionid, key: unionidKey(identity.unionid) });
  if (!links.length) return record;
  const table = tableNameFromEnv('main');
  for (const link of links) {
    const indexed = link.field === 'openid';
    try {
      await documents.transactWrite({
        TransactItems: [
          {
            Update: {
              TableName: table,
              Key: customerKey(record.customerId),
              UpdateExpression: `SET #field = :value${indexed ? ', gsi1pk = :gsi1pk, gsi1sk = :gsi1sk' : ''}`,
              ConditionExpression: `${LIVE_MEMBER_CONDITION} AND attribute_not_exists(#field)`,
              ExpressionAttributeNames: { '#field': link.field },
              ExpressionAttributeValues: {
                ':value': link.value,
                ...(indexed ? { ':gsi1pk': `OPENID#${link.value}`, ':gsi1sk': 'CUSTOMER' } : {}),
              },
            },
          },
          {
            Put: {
              TableName: table,
              Item: { ...link.key, customerId: record.customerId, createdAt: now.toISOString() },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      });
    } catch (error) {
      // Linked by a racing sign-in, claimed by another member, or erased: nothing of ours to write.
      if (!lostRace(error)) throw error;
    }
  }
  return (await getCustomerRecord(record.customerId)) ?? record;
}

/** The member who signs in with this phone number: of members sharing it, the last to bind it. */
async function memberWithPhone(countryCode: string, phone: string): Promise<CustomerRecord | undefined> {
  const { Items } = await documents.query({
    TableName: tableNameFromEnv('main'),
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': phoneLookupKey(countryCode, phone, '').pk },
    ConsistentRead: true,
    Limit: 20,
  });
  const records = await Promise.all((Items ?? []).map((item) => getCustomerRecord(String(item.customerId))));
  return records
    .filter(
      (record): record is CustomerRecord =>
        !!record && !record.erasedAt && record.phone === phone && record.phoneCountryCode === countryCode,
    )
    .sort((a, b) => (b.phoneBoundAt ?? b.createdAt).localeCompare(a.phoneBoundAt ?? a.createdAt))[0];
}

/**
 * Finds the member who bound this phone number, or registers a new member with it bound (a member who
 * signs in with an SMS code outside WeChat). Registration claims the number for sign-in in the profile's
 * own transaction, so two racing first sign-ins make one member; a claim left by a member who since
 * bound another number, or was erased, is taken over.
 */
export async function findOrRegisterPhoneMember(
  countryCode: string,
  phone: string,
  now = new Date(),
): Promise<{ record: CustomerRecord; created: boolean }> {
  for (let round = 0; round < REGISTRATION_ROUNDS; round++) {
    const existing = await memberWithPhone(countryCode, phone);
    if (existing) return { record: existing, created: false };
    const key = phoneSignInKey(countryCode, phone);
    // The winner of a race writes its claim and its phone lookup together: a claim whose member has no
    // lookup of the number (erased, or bound another since) is stale, checked again in the transaction.
    const stale = await claimedCustomerId(key);
    const record = newRecord('sms', now, {
      phone,
      phoneCountryCode: countryCode,
      phoneBoundAt: now.toISOString(),
    });
    const created = await registerWithClaims(record, [{ key, replacing: stale }], {
      items: [{ ...phoneLookupKey(countryCode, phone, record.customerId), customerId: record.customerId }],
      absent: stale ? [phoneLookupKey(countryCode, phone, stale)] : [],
    });
    if (created) return { record: created, created: true };
  }
  throw new Error('SMS sign-ins of one phone number kept racing');
}

async function requireRecord(customerId: string): Promise<CustomerRecord> {
  const record = await getCustomerRecord(customerId);
  if (!record) throw new Error(`Customer ${customerId} has an identity claim but no profile`);
  return record;
}

/**
 * Claims the publishing of a member's registration until `until`: true for the one caller that gets it,
 * false while the event is out already or another caller's claim runs.
 */
export async function claimRegistration(customerId: string, until: Date, now: Date): Promise<boolean> {
  try {
    await documents.update({
      TableName: tableNameFromEnv('main'),
      Key: customerKey(customerId),
      UpdateExpression: 'SET registration.claimedUntil = :until',
      ConditionExpression:
        'registration.published = :false AND ' +
        '(attribute_not_exists(registration.claimedUntil) OR registration.claimedUntil < :now)',
      ExpressionAttributeValues: {
        ':false': false,
        ':until': until.toISOString(),
        ':now': now.toISOString(),
      },
    });
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Gives up a claim that could not publish, so that the next sign-in need not wait for it to run out. */
export async function releaseRegistrationClaim(customerId: string, until: Date): Promise<void> {
  try {
    await documents.update({
      TableName: tableNameFromEnv('main'),
      Key: customerKey(customerId),
      UpdateExpression: 'REMOVE registration.claimedUntil',
      ConditionExpression: 'registration.claimedUntil = :until',
      ExpressionAttributeValues: { ':until': until.toISOString() },
    });
  } catch (error) {
    // Another caller's claim followed ours: it is theirs to keep.
    if (!isConditionFailure(error)) throw error;
  }
}

/** Marks the registration event published: true for the one caller whose mark it is. */
export async function markRegistrationPublished(customerId: string): Promise<boolean> {
  try {
    await documents.update({
      TableName: tableNameFromEnv('main'),
      Key: customerKey(customerId),
      UpdateExpression: 'SET registration.published = :true REMOVE registration.claimedUntil',
      ConditionExpression: 'registration.published = :false',
      ExpressionAttributeValues: { ':true': true, ':false': false },
    });
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Applies a validated profile patch and returns the updated profile, or undefined if there is no such
 * member; an erased member's profile is refused (410).
 */
export async function updateProfile(customerId: string, patch: ProfilePatch, now = new Date()) {
  const values: Record<string, unknown> = { ':now': now.toISOString() };
  const sets = ['updatedAt = :now'];
  for (const field of ['name', 'gender', 'birthday'] as const) {
    if (patch[field] !== undefined) {
      sets.push(`#${field} = :${field}`);
      values[`:${field}`] = patch[field];
    }
  }
  if (patch.marketingConsent !== undefined) {
    sets.push('marketingConsent = :consent');
    values[':consent'] = consentRecord(patch.marketingConsent, now);
  }
  const names = Object.fromEntries(
    (['name', 'gender', 'birthday'] as const).filter((f) => patch[f] !== undefined).map((f) => [`#${f}`, f]),
  );
  const update = {
    TableName: tableNameFromEnv('main'),
    Key: customerKey(customerId),
    UpdateExpression: `SET ${sets.join(', ')}`,
    ConditionExpression: LIVE_MEMBER_CONDITION,
    ExpressionAttributeNames: Object.keys(names).length ? names : undefined,
    ExpressionAttributeValues: values,
  };
  try {
    if (patch.birthday === undefined && patch.name === undefined) {
      const { Attributes } = await documents.update({ ...update, ReturnValues: 'ALL_NEW' });
      return toCustomer(customerItemSchema.parse(Attributes));
    }
    return await updateProfileAndLookups(customerId, patch, update);
  } catch (error) {
    if (!conditionFailed(error)) throw error;
    const refusal = await refusalOfWrite(customerId);
    if (refusal.status === 404) return undefined;
    throw refusal;
  }
}

/** Each one reads the profile again: every collision lets at least one writer through. */
const PROFILE_WRITE_ATTEMPTS = 10;

/**
 * A new birthday or name moves the member in the birthday and name indexes, in the profile write's own
 * transaction, on condition that the profile still has the birthday and name read: a change made
 * meanwhile is read again, so no index keeps a value the profile no longer has.
 */
async function updateProfileAndLookups(
  customerId: string,
  patch: ProfilePatch,
  update: {
    TableName: string;
    Key: Record<string, string>;
    UpdateExpression: string;
    ConditionExpression: string;
    ExpressionAttributeNames?: Record<string, string>;
    ExpressionAttributeValues: Record<string, unknown>;
  },
) {
  const table = update.TableName;
  for (let attempt = 0; attempt < PROFILE_WRITE_ATTEMPTS; attempt++) {
    // Writers that collided try again at different moments.
    if (attempt) await new Promise((resolve) => setTimeout(resolve, randomInt(10, 20 * attempt + 30)));
    const before = await getCustomerRecord(customerId);
    if (!before) return undefined;
    if (before.erasedAt) throw memberErased();
    const unchanged = (field: 'birthday' | 'name') =>
      before[field] === undefined ? `attribute_not_exists(#was_${field})` : `#was_${field} = :was_${field}`;
    const moved =
      patch.birthday !== undefined &&
      before.birthday &&
      birthdayKey(before.birthday, customerId).pk !== birthdayKey(patch.birthday, customerId).pk;
    try {
      await documents.transactWrite({
        TransactItems: [
          {
            Update: {
              ...update,
              ConditionExpression: `${update.ConditionExpression} AND ${unchanged('birthday')} AND ${unchanged('name')}`,
              ExpressionAttributeNames: {
                ...update.ExpressionAttributeNames,
                '#was_birthday': 'birthday',
                '#was_name': 'name',
              },
              ExpressionAttributeValues: {
                ...update.ExpressionAttributeValues,
                ...(before.birthday === undefined ? {} : { ':was_birthday': before.birthday }),
                ...(before.name === undefined ? {} : { ':was_name': before.name }),
              },
            },
          },
          ...(patch.birthday === undefined
            ? []
            : [
                {
                  Put: { TableName: table, Item: { ...birthdayKey(patch.birthday, customerId), customerId } },
                },
              ]),
          ...(moved
            ? [{ Delete: { TableName: table, Key: birthdayKey(before.birthday!, customerId) } }]
            : []),
          ...(patch.name === undefined ? [] : nameIndexWrites(table, customerId, before.name, patch.name)),
        ],
      });
      return toCustomer((await getCustomerRecord(customerId))!);
    } catch (error) {
      const reasons = conditionFailedReasons(error);
      // Changed between the read and the write (or erased, or gone): read again, and tell which.
      if (!reasons?.some((reason) => reason === 'ConditionalCheckFailed' || reason === 'TransactionConflict'))
        throw error;
    }
  }
  throw new Problem(409, 'PROFILE_BUSY', 'Conflict', 'The profile is being changed elsewhere; retry.', {
    headers: { 'retry-after': '1' },
  });
}

/** The birthday index: members by month and day, for the daily birthday campaigns. */
export const birthdayKey = (birthday: string, customerId: string) => ({
  pk: `BIRTHDAY#${birthday.slice(5, 10)}`,
  sk: `CUSTOMER#${customerId}`,
});

/**
 * The lookup item that finds members by phone for staff. Its key holds a digest, not the number, so no
 * key or log line carries a phone; several members may share a number (a family's phone).
 */
export const phoneLookupKey = (countryCode: string, phone: string, customerId: string) => ({
  pk: `PHONE#${createHash('sha256').update(`+${countryCode} ${phone}`).digest('hex')}`,
  sk: `CUSTOMER#${customerId}`,
});

/** Binds the phone number WeChat confirmed to the member's profile, replacing the lookup of an earlier one. */
export async function bindPhone(customerId: string, phone: string, countryCode: string, now = new Date()) {
  const before = await getCustomerRecord(customerId);
  if (!before) throw problems.notFound('Customer');
  if (before.erasedAt) throw memberErased();
  const table = tableNameFromEnv('main');
  const previous =
    before.phone && (before.phone !== phone || before.phoneCountryCode !== countryCode)
      ? [
          {
            Delete: {
              TableName: table,
              Key: phoneLookupKey(before.phoneCountryCode ?? '86', before.phone, customerId),
            },
          },
        ]
      : [];
  try {
    await documents.transactWrite({
      TransactItems: [
        {
          Update: {
            TableName: table,
            Key: customerKey(customerId),
            UpdateExpression:
              'SET phone = :phone, phoneCountryCode = :country, phoneBoundAt = :now, updatedAt = :now',
            ConditionExpression: LIVE_MEMBER_CONDITION,
            ExpressionAttributeValues: {
              ':phone': phone,
              ':country': countryCode,
              ':now': now.toISOString(),
            },
          },
        },
        {
          Put: { TableName: table, Item: { ...phoneLookupKey(countryCode, phone, customerId), customerId } },
        },
        ...previous,
      ],
    });
  } catch (error) {
    if (!conditionFailed(error)) throw error;
    throw await refusalOfWrite(customerId);
  }
  return toCustomer((await getCustomerRecord(customerId))!);
}

/** Members whose bound phone is this number (staff search), newest binding first is not promised. */
export async function findCustomersByPhone(countryCode: string, phone: string): Promise<CustomerRecord[]> {
  const { Items } = await documents.query({
    TableName: tableNameFromEnv('main'),
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': phoneLookupKey(countryCode, phone, '').pk },
    Limit: 20,
  });
  const records = await Promise.all((Items ?? []).map((item) => getCustomerRecord(String(item.customerId))));
  return records.filter((record): record is CustomerRecord => !!record && !record.erasedAt);
}

/**
 * Members whose name (or a later word of it) begins with the query, a page at a time in registration
 * order: one query of the name index (gsi1) by the prefix's digest, then each member read to check that
 * their name, as it is now, still answers (the index follows a rename a moment later) and that they
 * were not erased. A query longer than the indexed prefixes is checked in full the same way.
 */
export async function findCustomersByName(
  query: string,
  page: { limit: number; cursor?: string },
): Promise<{ records: CustomerRecord[]; nextCursor: string | null }> {
  const prefix = lookupPrefix(query);
  if (!prefix) return { records: [], nextCursor: null };
  const gsi1pk = namePrefixPartition(prefix);
  const scope = { partition: { gsi1pk } };
  const result = await documents.query({
    TableName: tableNameFromEnv('main'),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': gsi1pk },
    ExclusiveStartKey: await decodeCursor(page.cursor, scope),
    Limit: page.limit,
  });
  const ids = (result.Items ?? []).map((item) => String(item.customerId));
  const found = new Map(
    (await getItems(ids.map(customerKey)))
      .map((item) => customerItemSchema.parse(item))
      .map((record) => [record.customerId, record]),
  );
  const records = ids.flatMap((id) => {
    const record = found.get(id);
    return record && !record.erasedAt && nameMatches(record.name, query) ? [record] : [];
  });
  return { records, nextCursor: (await encodeCursor(result.LastEvaluatedKey, scope)) ?? null };
}

/** Whether the member has any item in the name index (a member named before it existed has none). */
export async function isNameIndexed(customerId: string): Promise<boolean> {
  const { Items } = await documents.query({
    TableName: tableNameFromEnv('main'),
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': nameIndexPartition(customerId) },
    Limit: 1,
  });
  return !!Items?.length;
}

/**
 * Puts a member named before the name index existed in it: every prefix of the name they have now, in
 * one transaction on condition that it is still their name (a rename meanwhile indexed itself). Returns
 * whether there was a name to index.
 */
export async function indexEarlierName(customerId: string): Promise<boolean> {
  const record = await getCustomerRecord(customerId);
  if (!record?.name || record.erasedAt) return false;
  const table = tableNameFromEnv('main');
  try {
    await documents.transactWrite({
      TransactItems: [
        {
          ConditionCheck: {
            TableName: table,
            Key: customerKey(customerId),
            ConditionExpression: `${LIVE_MEMBER_CONDITION} AND #name = :name`,
            ExpressionAttributeNames: { '#name': 'name' },
            ExpressionAttributeValues: { ':name': record.name },
          },
        },
        ...nameIndexWrites(table, customerId, undefined, record.name),
      ],
    });
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}

/** Complete: a name, a birthday and a bound phone. */
export const isProfileComplete = (record: CustomerRecord) =>
  !!(record.name && record.birthday && record.phone);

/**
 * Removes a member's personal data and every lookup that leads to it (openid, name, birthday, phone) in one
 * transaction, conditioned on the lookups read being still the member's; 'already-erased' if it was done.
 */
export async function erasePersonalData(
  customerId: string,
  now = new Date(),
): Promise<'erased' | 'already-erased'> {
  const table = tableNameFromEnv('main');
  for (let attempt = 0; attempt < 3; attempt++) {
    const record = await getCustomerRecord(customerId);
    if (!record) throw problems.notFound('Customer');
    if (record.erasedAt) return 'already-erased';
    const unchanged = (field: 'birthday' | 'phone' | 'phoneCountryCode') =>
      record[field] === undefined ? `attribute_not_exists(${field})` : `${field} = :${field}`;
    const nameUnchanged = record.name === undefined ? 'attribute_not_exists(#name)' : '#name = :name';
    try {
      await documents.transactWrite({
        TransactItems: [
          {
            Update: {
              TableName: table,
              Key: customerKey(customerId),
              UpdateExpression:
                'SET erasedAt = :now, openid = :erased REMOVE unionid, officialAccountOpenid, #name, gender, birthday, phone, phoneCountryCode, phoneBoundAt, marketingConsent, gsi1pk, gsi1sk',
              ConditionExpression: [
                LIVE_MEMBER_CONDITION,
                unchanged('birthday'),
                unchanged('phone'),
                unchanged('phoneCountryCode'),
                nameUnchanged,
              ].join(' AND '),
              ExpressionAttributeNames: { '#name': 'name' },
              ExpressionAttributeValues: {
                ':now': now.toISOString(),
                ':erased': `erased:${customerId}`,
                ...(record.birthday === undefined ? {} : { ':birthday': record.birthday }),
                ...(record.name === undefined ? {} : { ':name': record.name }),
                ...(record.phone === undefined ? {} : { ':phone': record.phone }),
                ...(record.phoneCountryCode === undefined
                  ? {}
                  : { ':phoneCountryCode': record.phoneCountryCode }),
              },
            },
          },
          ...[
            record.openid && openidKey(record.openid),
            record.officialAccountOpenid && officialAccountOpenidKey(record.officialAccountOpenid),
            record.unionid && unionidKey(record.unionid),
          ].flatMap((key) => (key ? [{ Delete: { TableName: table, Key: key } }] : [])),
          ...nameIndexWrites(table, customerId, record.name, undefined),
          ...(record.birthday
            ? [{ Delete: { TableName: table, Key: birthdayKey(record.birthday, customerId) } }]
            : []),
          ...(record.phone
            ? [
                {
                  Delete: {
                    TableName: table,
                    Key: phoneLookupKey(record.phoneCountryCode ?? '86', record.phone, customerId),
                  },
                },
              ]
            : []),
        ],
      });
      if (record.phone) await forgetPhoneSignIn(record.phoneCountryCode ?? '86', record.phone, customerId);
      return 'erased';
    } catch (error) {
      const reasons = conditionFailedReasons(error);
      // A profile write between the read and the transaction moved a lookup: read again.
      if (!reasons?.some((reason) => reason === 'ConditionalCheckFailed' || reason === 'TransactionConflict'))
        throw error;
    }
  }
  throw new Error(`The profile of ${customerId} kept changing during its erasure`);
}

/** Removes the member's claim to sign in with a phone number, unless another member took it over since. */
async function forgetPhoneSignIn(countryCode: string, phone: string, customerId: string) {
  try {
    await documents.delete({
      TableName: tableNameFromEnv('main'),
      Key: phoneSignInKey(countryCode, phone),
      ConditionExpression: 'customerId = :id',
      ExpressionAttributeValues: { ':id': customerId },
    });
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
