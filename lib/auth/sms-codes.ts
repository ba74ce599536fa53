import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import * as z from '../zod';
import { documents, isConditionFailure } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { problems } from '../http/problem';
import { lazySchema } from '../lazy-schema';

/** A sign-in code lives this long. */
export const SMS_CODE_TTL_SECONDS = 5 * 60;
/** Tries a code takes, right or wrong; the next one fails even with the right code. */
export const SMS_CODE_MAX_ATTEMPTS = 5;

/** Six digits, uniformly drawn from a cryptographic source. */
export const newSmsCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** What is kept of a code: its digest, bound to the number it was sent to. */
export const smsCodeHash = (phoneE164: string, code: string) =>
  createHash('sha256').update(`${phoneE164}:${code}`).digest('hex');

const digest = (phoneE164: string) => createHash('sha256').update(phoneE164).digest('hex');
/** The one live code of a phone number: a new send replaces it. No key holds the number. */
const codeKey = (phoneE164: string) => ({ pk: `SMSCODE#${digest(phoneE164)}`, sk: 'SMSCODE' });

const storedCodeSchema = lazySchema(() =>
  z.object({
    codeHash: z.string(),
    issuedAt: z.int(),
    /** Epoch seconds; also the item's TTL. */
    expiresAt: z.int(),
    attempts: z.int(),
  }),
);
export type StoredSmsCode = z.infer<typeof storedCodeSchema>;

/** Why a code is refused, or that it is right. */
export type SmsCodeJudgement = 'right' | 'wrong' | 'expired' | 'exhausted';

/**
 * Judges a try of a code whose attempt was counted already (`attempts` includes it): an expired code or
 * one past its attempts is refused whatever was typed.
 */
export function judgeSmsCode(
  stored: StoredSmsCode,
  phoneE164: string,
  code: string,
  nowSeconds: number,
): SmsCodeJudgement {
  if (stored.expiresAt <= nowSeconds) return 'expired';
  if (stored.attempts > SMS_CODE_MAX_ATTEMPTS) return 'exhausted';
  const given = Buffer.from(smsCodeHash(phoneE164, code), 'hex');
  const kept = Buffer.from(stored.codeHash, 'hex');
  return given.length === kept.length && timingSafeEqual(given, kept) ? 'right' : 'wrong';
}

/** Keeps a new code for the number, replacing any earlier one with its tries. */
export async function storeSmsCode(phoneE164: string, code: string, now = new Date()): Promise<void> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  await documents.put({
    TableName: tableNameFromEnv('main'),
    Item: {
      ...codeKey(phoneE164),
      codeHash: smsCodeHash(phoneE164, code),
      issuedAt: now.getTime(),
      expiresAt: nowSeconds + SMS_CODE_TTL_SECONDS,
      attempts: 0,
    },
  });
}

/**
 * Takes a try of the number's code. The try is counted first, by a conditional write that refuses a
 * code expired or out of tries, so tries made at once are each counted; a right code is then taken out
 * by a delete conditioned on being that very code, so of two verifications with it one wins.
 */
export async function redeemSmsCode(phoneE164: string, code: string, now = new Date()): Promise<void> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const table = tableNameFromEnv('main');
  let stored: StoredSmsCode;
  try {
    const { Attributes } = await documents.update({
      TableName: table,
      Key: codeKey(phoneE164),
      UpdateExpression: 'SET attempts = attempts + :one',
      ConditionExpression: 'attribute_exists(pk) AND expiresAt > :now AND attempts < :max',
      ExpressionAttributeValues: { ':one': 1, ':now': nowSeconds, ':max': SMS_CODE_MAX_ATTEMPTS },
      ReturnValues: 'ALL_NEW',
    });
    stored = storedCodeSchema.parse(Attributes);
  } catch (error) {
    if (isConditionFailure(error)) throw problems.smsCodeExpired();
    throw error;
  }
  const judgement = judgeSmsCode(stored, phoneE164, code, nowSeconds);
  if (judgement === 'wrong') throw problems.smsCodeInvalid(SMS_CODE_MAX_ATTEMPTS - stored.attempts);
  if (judgement !== 'right') throw problems.smsCodeExpired();
  try {
    await documents.delete({
      TableName: table,
      Key: codeKey(phoneE164),
      ConditionExpression: 'codeHash = :hash AND issuedAt = :issued',
      ExpressionAttributeValues: { ':hash': stored.codeHash, ':issued': stored.issuedAt },
    });
  } catch (error) {
    // Taken by a racing verification, or replaced by a new send.
    if (isConditionFailure(error)) throw problems.smsCodeExpired();
    throw error;
  }
}
