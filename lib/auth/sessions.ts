import { createHash, randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import * as z from '../zod';
import { conditionFailedReasons, documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { problems } from '../http/problem';
import { lazySchema } from '../lazy-schema';

/** A refresh token lives 30 days; each use replaces it, so an active member stays signed in. */
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;
/** A session (the family of rotated refresh tokens) ends 180 days after sign-in, however active. */
const SESSION_MAX_SECONDS = 180 * 24 * 3600;

const refreshKey = (hash: string) => ({ pk: `REFRESH#${hash}`, sk: 'REFRESH' });
const sessionKey = (sessionId: string) => ({ pk: `SESSION#${sessionId}`, sk: 'SESSION' });

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

/** Only a hash is stored, so a copy of the table cannot be replayed as tokens. */
export const hashRefreshToken = (token: string) => createHash('sha256').update(token).digest('hex');
const newRefreshToken = () => randomBytes(32).toString('base64url');
const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

export interface SessionTokens {
  sessionId: string;
  subject: SessionSubject;
  refreshToken: string;
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
  await documents.transactWrite({
    TransactItems: [
      {
        Put: {
          TableName: tableNameFromEnv('main'),
          Item: {
            ...sessionKey(sessionId),
            subject,
            createdAt: now.toISOString(),
            expiresAt: epochSeconds(now) + SESSION_MAX_SECONDS,
          },
        },
      },
      {
        Put: {
          TableName: tableNameFromEnv('main'),
          Item: refreshTokenItem(refreshToken, sessionId, subject, now),
        },
      },
    ],
  });
  return { sessionId, subject, refreshToken };
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

export async function revokeSession(sessionId: string, now = new Date()): Promise<void> {
  await documents
    .update({
      TableName: tableNameFromEnv('main'),
      Key: sessionKey(sessionId),
      UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :now)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':now': now.toISOString() },
    })
    .catch((error: Error) => {
      if (error.name !== 'ConditionalCheckFailedException') throw error;
    });
}

const invalidRefreshToken = () =>
  problems.unauthorized('REFRESH_TOKEN_INVALID', 'The refresh token is not valid.');

async function readRefreshToken(token: string, now: Date) {
  const { Item } = await documents.get({
    TableName: tableNameFromEnv('main'),
    Key: refreshKey(hashRefreshToken(token)),
    ConsistentRead: true,
  });
  const item = Item ? refreshItemSchema.parse(Item) : undefined;
  if (!item || item.expiresAt <= epochSeconds(now)) throw invalidRefreshToken();
  return item;
}

/**
 * Exchanges a refresh token for a new one in the same session. A token that was already used means it
 * leaked (or a client raced itself): the whole session is revoked, as OAuth 2.0 Security BCP advises.
 */
export async function rotateRefreshToken(token: string, now = new Date()): Promise<SessionTokens> {
  const current = await readRefreshToken(token, now);
  const reuse = async () => {
    await revokeSession(current.sessionId, now);
    return problems.unauthorized(
      'REFRESH_TOKEN_REUSED',
      'The refresh token was already used; the session is revoked.',
    );
  };
  if (current.usedAt) throw await reuse();
  const next = newRefreshToken();
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
        {
          Put: {
            TableName: tableNameFromEnv('main'),
            Item: refreshTokenItem(next, current.sessionId, current.subject, now),
          },
        },
      ],
    });
  } catch (error) {
    const reasons = conditionFailedReasons(error);
    if (!reasons) throw error;
    if (reasons[0] === 'ConditionalCheckFailed') throw await reuse();
    throw problems.unauthorized('SESSION_REVOKED', 'The session has ended; sign in again.');
  }
  return { sessionId: current.sessionId, subject: current.subject, refreshToken: next };
}

/** Signing out ends the session: its refresh tokens stop working and the authorizer refuses its access tokens. */
export async function endSession(token: string, now = new Date()): Promise<void> {
  const current = await readRefreshToken(token, now);
  await revokeSession(current.sessionId, now);
}
