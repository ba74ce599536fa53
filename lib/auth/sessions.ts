import { createHash, randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import * as z from '../zod';
import { conditionFailedReasons, documents, queryAll } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { problems } from '../http/problem';
import { lazySchema } from '../lazy-schema';

/** A refresh token lives 30 days; each use replaces it, so an active member stays signed in. */
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;
/** A session (the family of rotated refresh tokens) ends 180 days after sign-in, however active. */
const SESSION_MAX_SECONDS = 180 * 24 * 3600;

const refreshKey = (hash: string) => ({ pk: `REFRESH#${hash}`, sk: 'REFRESH' });
const sessionKey = (sessionId: string) => ({ pk: `SESSION#${sessionId}`, sk: 'SESSION' });
/** A subject's sessions are listed under one partition, read consistently, so that all can be ended at once. */
const subjectSessionsPk = (subject: SessionSubject) => `SESSIONS#${subject.kind}#${subject.id}`;
const subjectSessionKey = (subject: SessionSubject, sessionId: string) => ({
  pk: subjectSessionsPk(subject),
  sk: `SESSION#${sessionId}`,
});
/** Present once a subject may start no more sessions (an erased member). */
const subjectClosedKey = (subject: SessionSubject) => ({
  pk: subjectSessionsPk(subject),
  sk: 'CLOSED',
});

const subjectSchema = lazySchema(() => z.object({ kind: z.enum(['customer', 'staff']), id: z.string() }));
/** Whom a session belongs to: a member or a staff member. */
export type SessionSubject = z.infer<typeof subjectSchema>;

const refreshItemSchema = lazySchema(() =>
  z.object({
    sessionId: z.string(),
    subject: subjectSchema,
    expiresAt: z.number(),
    usedAt: z.optional(z.string()),
  }),
);
const sessionItemSchema = lazySchema(() =>
  z.object({
    subject: subjectSchema,
    expiresAt: z.number(),
    revokedAt: z.optional(z.string()),
  }),
);
const listedSessionSchema = lazySchema(() => z.object({ sessionId: z.string() }));

/** Only a hash is stored, so a copy of the table cannot be replayed as tokens. */
export const hashRefreshToken = (token: string) => createHash('sha256').update(token).digest('hex');
const newRefreshToken = () => randomBytes(32).toString('base64url');
const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

export interface SessionTokens {
  sessionId: string;
  subject: SessionSubject;
  refreshToken: string;
  /** When the refresh token stops being good, in epoch seconds. */
  refreshTokenExpiresAt: number;
}

/** Which sessions a caller takes refresh tokens of: a token of another kind of subject is not valid there. */
export interface SubjectFilter {
  subjectKind?: SessionSubject['kind'];
}

function refreshTokenItem(token: string, sessionId: string, subject: SessionSubject, now: Date) {
  return {
    ...refreshKey(hashRefreshToken(token)),
    sessionId,
    subject,
    createdAt: now.toISOString(),
    expiresAt: epochSeconds(now) + REFRESH_TOKEN_TTL_SECONDS,
  };
}

export async function startSession(subject: SessionSubject, now = new Date()): Promise<SessionTokens> {
  const sessionId = ulid();
  const refreshToken = newRefreshToken();
  const expiresAt = epochSeconds(now) + SESSION_MAX_SECONDS;
  const refreshItem = refreshTokenItem(refreshToken, sessionId, subject, now);
  try {
    await documents.transactWrite({
      TransactItems: [
        {
          Put: {
            TableName: tableNameFromEnv('main'),
            Item: { ...sessionKey(sessionId), subject, createdAt: now.toISOString(), expiresAt },
          },
        },
        { Put: { TableName: tableNameFromEnv('main'), Item: refreshItem } },
        {
          Put: {
            TableName: tableNameFromEnv('main'),
            Item: { ...subjectSessionKey(subject, sessionId), sessionId, expiresAt },
          },
        },
        {
          ConditionCheck: {
            TableName: tableNameFromEnv('main'),
            Key: subjectClosedKey(subject),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
    });
  } catch (error) {
    if (conditionFailedReasons(error)?.[3] !== 'ConditionalCheckFailed') throw error;
    throw problems.unauthorized('ACCOUNT_CLOSED', 'This account was closed and cannot sign in.');
  }
  return { sessionId, subject, refreshToken, refreshTokenExpiresAt: refreshItem.expiresAt };
}

async function readSession(sessionId: string) {
  const { Item } = await documents.get({
    TableName: tableNameFromEnv('main'),
    Key: sessionKey(sessionId),
    ConsistentRead: true,
  });
  return Item ? sessionItemSchema.parse(Item) : undefined;
}

export async function isSessionActive(sessionId: string, now = new Date()): Promise<boolean> {
  const session = await readSession(sessionId);
  return !!session && !session.revokedAt && session.expiresAt > epochSeconds(now);
}

/** Ends a session; true when this call ended it, false when it had ended before (or never was). */
export async function revokeSession(sessionId: string, now = new Date()): Promise<boolean> {
  const updated = await documents
    .update({
      TableName: tableNameFromEnv('main'),
      Key: sessionKey(sessionId),
      UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :now)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':now': now.toISOString() },
      ReturnValues: 'ALL_OLD',
    })
    .catch((error: Error) => {
      if (error.name !== 'ConditionalCheckFailedException') throw error;
      return undefined;
    });
  const before = updated?.Attributes && sessionItemSchema.parse(updated.Attributes);
  return !!before && !before.revokedAt && before.expiresAt > epochSeconds(now);
}

/** How many sessions are revoked at once when all of a subject's go. */
const REVOKE_ALL_PARALLELISM = 10;

/**
 * Ends every session of a subject: refresh tokens stop at once, access tokens at the authorizer's session
 * check. With `closed`, the subject may start no session ever again, so a sign-in racing this call cannot
 * leave one behind (an erased member's id is never used again).
 */
export async function revokeAllSessions(
  subject: SessionSubject,
  now = new Date(),
  options: { closed?: boolean } = {},
): Promise<number> {
  if (options.closed)
    await documents
      .put({
        TableName: tableNameFromEnv('main'),
        Item: { ...subjectClosedKey(subject), closedAt: now.toISOString() },
        ConditionExpression: 'attribute_not_exists(pk)',
      })
      .catch((error: Error) => {
        if (error.name !== 'ConditionalCheckFailedException') throw error;
      });
  const listed = await queryAll({
    TableName: tableNameFromEnv('main'),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :session)',
    ExpressionAttributeValues: { ':pk': subjectSessionsPk(subject), ':session': 'SESSION#' },
    ProjectionExpression: 'sessionId',
    ConsistentRead: true,
  });
  const sessionIds = listed.map((item) => listedSessionSchema.parse(item).sessionId);
  for (let i = 0; i < sessionIds.length; i += REVOKE_ALL_PARALLELISM)
    await Promise.all(
      sessionIds.slice(i, i + REVOKE_ALL_PARALLELISM).map((sessionId) => revokeSession(sessionId, now)),
    );
  return sessionIds.length;
}

const invalidRefreshToken = () =>
  problems.unauthorized('REFRESH_TOKEN_INVALID', 'The refresh token is not valid.');

async function readRefreshToken(token: string, now: Date, { subjectKind }: SubjectFilter) {
  const { Item } = await documents.get({
    TableName: tableNameFromEnv('main'),
    Key: refreshKey(hashRefreshToken(token)),
    ConsistentRead: true,
  });
  const item = Item ? refreshItemSchema.parse(Item) : undefined;
  if (!item || item.expiresAt <= epochSeconds(now)) throw invalidRefreshToken();
  // Refused as unknown, before any write: another kind's token is neither used up nor its session ended.
  if (subjectKind && item.subject.kind !== subjectKind) throw invalidRefreshToken();
  return item;
}

/**
 * Exchanges a refresh token for a new one in the same session. A token that was already used means it
 * leaked (or a client raced itself): the whole session is revoked, as OAuth 2.0 Security BCP advises.
 */
export async function rotateRefreshToken(
  token: string,
  now = new Date(),
  filter: SubjectFilter = {},
): Promise<SessionTokens> {
  const current = await readRefreshToken(token, now, filter);
  const reuse = async () => {
    await revokeSession(current.sessionId, now);
    return problems.unauthorized(
      'REFRESH_TOKEN_REUSED',
      'The refresh token was already used; the session is revoked.',
    );
  };
  if (current.usedAt) throw await reuse();
  const next = newRefreshToken();
  const nextItem = refreshTokenItem(next, current.sessionId, current.subject, now);
  try {
    await documents.transactWrite({
      TransactItems: [
        {
          Update: {
            TableName: tableNameFromEnv('main'),
            Key: refreshKey(hashRefreshToken(token)),
            UpdateExpression: 'SET usedAt = :now',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
            ExpressionAttributeValues: { ':now': now.toISOString() },
          },
        },
        {
          ConditionCheck: {
            TableName: tableNameFromEnv('main'),
            Key: sessionKey(current.sessionId),
            ConditionExpression:
              'attribute_exists(pk) AND attribute_not_exists(revokedAt) AND expiresAt > :now',
            ExpressionAttributeValues: { ':now': epochSeconds(now) },
          },
        },
        { Put: { TableName: tableNameFromEnv('main'), Item: nextItem } },
      ],
    });
  } catch (error) {
    const reasons = conditionFailedReasons(error);
    if (!reasons) throw error;
    if (reasons[0] === 'ConditionalCheckFailed') throw await reuse();
    throw problems.unauthorized('SESSION_REVOKED', 'The session has ended; sign in again.');
  }
  return {
    sessionId: current.sessionId,
    subject: current.subject,
    refreshToken: next,
    refreshTokenExpiresAt: nextItem.expiresAt,
  };
}

/**
 * Signing out ends the session: its refresh tokens stop working and the authorizer refuses its access
 * tokens. Says whose session it was and whether this call ended it (false: it had ended before).
 */
export async function endSession(
  token: string,
  now = new Date(),
  filter: SubjectFilter = {},
): Promise<{ subject: SessionSubject; sessionId: string; ended: boolean }> {
  const current = await readRefreshToken(token, now, filter);
  const ended = await revokeSession(current.sessionId, now);
  return { subject: current.subject, sessionId: current.sessionId, ended };
}
