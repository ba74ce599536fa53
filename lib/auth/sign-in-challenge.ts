import { createHash, randomBytes } from 'node:crypto';
import * as z from '../zod';
import { documents, isConditionFailure } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { problems } from '../http/problem';
import { lazySchema } from '../lazy-schema';

/**
 * What a right password gives a staff member who still owes a second step: an opaque token, good for
 * 5 minutes and 5 codes, that names them to the second step and to nothing else (it opens no route).
 * Stored only as its SHA-256 hash: `SIGNINCHALLENGE#<hash>` / `CHALLENGE`, removed by TTL (`expiresAt`).
 */
export const CHALLENGE_TTL_SECONDS = 5 * 60;
export const MAX_CODES_PER_CHALLENGE = 5;

/** two-factor: an authenticator or recovery code; enrol: the policy asks them to set one up first. */
export type ChallengePurpose = 'two-factor' | 'enrol-two-factor';

const challengeKey = (token: string) => ({
  pk: `SIGNINCHALLENGE#${createHash('sha256').update(token).digest('base64url')}`,
  sk: 'CHALLENGE',
});
const challengeSchema = lazySchema(() =>
  z.object({
    staffId: z.string(),
    purpose: z.enum(['two-factor', 'enrol-two-factor']),
    attempts: z.int(),
    expiresAt: z.int(),
  }),
);

const challengeInvalid = () =>
  problems.unauthorized(
    'SIGN_IN_CHALLENGE_INVALID',
    'This sign-in has expired or was used; sign in with your password again.',
  );

export async function issueSignInChallenge(staffId: string, purpose: ChallengePurpose, now = new Date()) {
  const token = randomBytes(32).toString('base64url');
  await documents.put({
    TableName: tableNameFromEnv('main'),
    Item: {
      ...challengeKey(token),
      staffId,
      purpose,
      attempts: 0,
      expiresAt: Math.floor(now.getTime() / 1000) + CHALLENGE_TTL_SECONDS,
    },
  });
  return { challengeToken: token, expiresIn: CHALLENGE_TTL_SECONDS, purpose };
}

/**
 * Counts one code against the challenge, in one conditional write refused once it expired, was used,
 * is for another step, or has had its 5 codes; answers whose it is.
 */
export async function takeChallengeAttempt(token: string, purpose: ChallengePurpose, now = new Date()) {
  try {
    const { Attributes } = await documents.update({
      TableName: tableNameFromEnv('main'),
      Key: challengeKey(token),
      UpdateExpression: 'SET attempts = attempts + :one',
      ConditionExpression:
        'attribute_exists(pk) AND purpose = :purpose AND expiresAt > :now AND attempts < :max',
      ExpressionAttributeValues: {
        ':one': 1,
        ':purpose': purpose,
        ':now': Math.floor(now.getTime() / 1000),
        ':max': MAX_CODES_PER_CHALLENGE,
      },
      ReturnValues: 'ALL_NEW',
    });
    return challengeSchema.parse(Attributes).staffId;
  } catch (error) {
    if (isConditionFailure(error)) throw challengeInvalid();
    throw error;
  }
}

/** Whose a live challenge is, without counting an attempt (showing the enrolment's QR code). */
export async function readSignInChallenge(token: string, purpose: ChallengePurpose, now = new Date()) {
  const { Item } = await documents.get({
    TableName: tableNameFromEnv('main'),
    Key: challengeKey(token),
    ConsistentRead: true,
  });
  const challenge = challengeSchema.safeParse(Item);
  if (
    !challenge.success ||
    challenge.data.purpose !== purpose ||
    challenge.data.expiresAt <= Math.floor(now.getTime() / 1000) ||
    challenge.data.attempts >= MAX_CODES_PER_CHALLENGE
  )
    throw challengeInvalid();
  return challenge.data.staffId;
}

/** Ends the challenge once it gave a session: of two right codes sent at once, one session starts. */
export async function consumeSignInChallenge(token: string) {
  try {
    await documents.delete({
      TableName: tableNameFromEnv('main'),
      Key: challengeKey(token),
      ConditionExpression: 'attribute_exists(pk)',
    });
  } catch (error) {
    if (isConditionFailure(error)) throw challengeInvalid();
    throw error;
  }
}
