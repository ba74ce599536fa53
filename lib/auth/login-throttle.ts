import { isIPv4, isIPv6 } from 'node:net';
import * as z from '../zod';
import { documents, isConditionFailure, queryAll } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { Problem } from '../http/problem';
import { lazySchema } from '../lazy-schema';

/** Failures are counted over a window that opens with the first one and lasts this long. */
export const WINDOW_SECONDS = 15 * 60;
/**
 * Failures one source may have against one account in a window. This is what stops guessing, and it
 * stops only the guesser: the staff member signs in from their own network as usual.
 */
export const MAX_FAILURES_PER_ACCOUNT_AND_SOURCE = 5;
/** Failures from one source across accounts in a window (one password tried on many accounts). */
export const MAX_FAILURES_PER_SOURCE = 20;
/**
 * Failures against one account from all sources in a window before the account itself is locked, for
 * everyone, until the window ends or an admin unlocks it. Far above what one source may try, so that
 * locking a staff member out takes a guessing campaign from many networks, which the audit then shows.
 */
export const MAX_FAILURES_PER_ACCOUNT = 50;

const accountPk = (account: string) => `LOGINFAIL#account:${account}`;
/** A count of attempts in a window that opens with the first one, refused at its limit. */
export interface Counter {
  key: { pk: string; sk: string };
  limit: number;
  /** How long a window lasts: WINDOW_SECONDS unless told. */
  windowSeconds?: number;
}
const counters = (account: string, source: string | undefined) => ({
  pair: {
    key: { pk: accountPk(account), sk: `SOURCE#${source ?? 'unknown'}` },
    limit: MAX_FAILURES_PER_ACCOUNT_AND_SOURCE,
  },
  source: source
    ? { key: { pk: `LOGINFAIL#ip:${source}`, sk: 'LOGINFAIL' }, limit: MAX_FAILURES_PER_SOURCE }
    : undefined,
  account: { key: { pk: accountPk(account), sk: 'LOGINFAIL' }, limit: MAX_FAILURES_PER_ACCOUNT },
});

const counterSchema = lazySchema(() => z.object({ failures: z.int(), windowEndsAt: z.int() }));

/**
 * Where sign-ins come from, for counting: an IPv4 address, or the /64 of an IPv6 address (one subscriber
 * holds a /64 at least, so counting its addresses one by one would count nothing).
 */
export function sourceOf(ip: string | undefined): string | undefined {
  const address = ip?.trim().replace(/%.*$/, '');
  if (!address) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped && isIPv4(mapped)) return mapped;
  if (!isIPv6(address)) return address;
  const [head = '', tail] = address.split('::');
  const groups = (part: string) => (part ? part.split(':') : []);
  const width = (list: string[]) => list.reduce((sum, group) => sum + (group.includes('.') ? 2 : 1), 0);
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const zeros = tail === undefined ? [] : Array<string>(8 - width(left) - width(right)).fill('0');
  const prefix = [...left, ...zeros, ...right].slice(0, 4).map((group) => parseInt(group, 16).toString(16));
  return `${prefix.join(':')}::/64`;
}

/** A failure counted before the password is checked; a right password gives it back. */
export interface Taken {
  counter: Counter;
  failures: number;
  windowEndsAt: number;
}

const tooManyAttempts = (retryAfter: number, detail = 'Too many failed sign-ins; try again later.') =>
  new Problem(429, 'TOO_MANY_LOGIN_ATTEMPTS', 'Too many requests', detail, {
    headers: { 'retry-after': String(Math.max(1, retryAfter)) },
  });

async function readCounter(counter: Counter) {
  const { Item } = await documents.get({
    TableName: tableNameFromEnv('main'),
    Key: counter.key,
    ConsistentRead: true,
  });
  const parsed = counterSchema.safeParse(Item);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Counts one more failure in the counter's open window, in one conditional write that refuses at the
 * limit: N attempts at once count N, and no attempt gets past the limit. Opens a window when none is
 * open. Answers the count, or how long until the window ends when the limit is reached.
 */
export async function take(counter: Counter, nowSeconds: number): Promise<Taken | { retryAfter: number }> {
  for (let round = 0; round < 3; round++) {
    try {
      const { Attributes } = await documents.update({
        TableName: tableNameFromEnv('main'),
        Key: counter.key,
        UpdateExpression: 'SET failures = failures + :one',
        ConditionExpression: 'windowEndsAt > :now AND failures < :limit',
        ExpressionAttributeValues: { ':one': 1, ':now': nowSeconds, ':limit': counter.limit },
        ReturnValues: 'ALL_NEW',
      });
      return { counter, ...counterSchema.parse(Attributes) };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const current = await readCounter(counter);
    if (current && current.windowEndsAt > nowSeconds) {
      if (current.failures >= counter.limit) return { retryAfter: current.windowEndsAt - nowSeconds };
      continue; // a right password gave a failure back meanwhile
    }
    const windowEndsAt = nowSeconds + (counter.windowSeconds ?? WINDOW_SECONDS);
    try {
      await documents.update({
        TableName: tableNameFromEnv('main'),
        Key: counter.key,
        UpdateExpression: 'SET failures = :one, windowEndsAt = :ends, expiresAt = :ends',
        ConditionExpression: 'attribute_not_exists(windowEndsAt) OR windowEndsAt <= :now',
        ExpressionAttributeValues: { ':one': 1, ':now': nowSeconds, ':ends': windowEndsAt },
      });
      return { counter, failures: 1, windowEndsAt };
    } catch (error) {
      if (!isConditionFailure(error)) throw error; // another attempt opened the window: count in it
    }
  }
  // Attempts racing this hard on one counter are an attack of their own.
  return { retryAfter: 1 };
}

/** Gives a counted failure back, in the window it was counted in. */
export async function giveBack({ counter, windowEndsAt }: Taken) {
  await documents
    .update({
      TableName: tableNameFromEnv('main'),
      Key: counter.key,
      UpdateExpression: 'SET failures = failures - :one',
      ConditionExpression: 'windowEndsAt = :ends AND failures > :zero',
      ExpressionAttributeValues: { ':one': 1, ':zero': 0, ':ends': windowEndsAt },
    })
    .catch((error: unknown) => {
      if (!isConditionFailure(error)) throw error;
    });
}

/** One sign-in attempt, counted as a failure until the password proves right. */
export interface LoginAttempt {
  /** The account's failures in its window, this attempt's included. */
  accountFailures: number;
  /** When the account's window ends (epoch seconds). */
  accountWindowEndsAt: number;
  /** The password was right: give the failures back, and forget this source's failures on the account. */
  succeeded(): Promise<void>;
}

/**
 * Takes a sign-in attempt before the password is checked: one failure more against the account from
 * this source, against the source, and against the account, each refused at its limit (429 with
 * Retry-After) by the conditional write that counts it. The attempt is then slowed in proportion to the
 * source's failures on the account (progressive delay).
 */
export async function takeLoginAttempt(
  account: string,
  ip: string | undefined,
  now = new Date(),
): Promise<LoginAttempt> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const { pair, source, account: accountCounter } = counters(account, sourceOf(ip));
  const byPair = await take(pair, nowSeconds);
  if (!('counter' in byPair)) throw tooManyAttempts(byPair.retryAfter);
  const [bySource, byAccount] = await Promise.all([
    source ? take(source, nowSeconds) : undefined,
    take(accountCounter, nowSeconds),
  ]);
  const taken = [byPair, bySource, byAccount].filter(
    (outcome): outcome is Taken => !!outcome && 'counter' in outcome,
  );
  const refused = [bySource, byAccount].find((outcome) => outcome && !('counter' in outcome));
  if (refused && 'retryAfter' in refused) {
    // Not checked, so not a failure: only the refusal stands.
    await Promise.all(taken.map(giveBack));
    throw refused === byAccount
      ? tooManyAttempts(
          refused.retryAfter,
          'This account is locked after too many failed sign-ins; an administrator can unlock it.',
        )
      : tooManyAttempts(refused.retryAfter);
  }
  const delayMs = Math.min(2000, 250 * (byPair.failures - 1));
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  const accountTaken = byAccount as Taken;
  return {
    accountFailures: accountTaken.failures,
    accountWindowEndsAt: accountTaken.windowEndsAt,
    succeeded: async () => {
      await Promise.all([
        // One right password vouches for this source on this account, not for the source elsewhere.
        documents.delete({ TableName: tableNameFromEnv('main'), Key: pair.key }),
        ...taken.filter((outcome) => outcome !== byPair).map(giveBack),
      ]);
    },
  };
}

/**
 * Lifts the account's lock and forgets every source's failures on it: the account's counter and the
 * per-source counters share a partition. Answers the account's failures in the window that was open.
 */
export async function unlockLogin(account: string, now = new Date()): Promise<{ failures: number }> {
  const items = await queryAll({
    TableName: tableNameFromEnv('main'),
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': accountPk(account) },
    ConsistentRead: true,
  });
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const accountCounter = counterSchema.safeParse(items.find((item) => item.sk === 'LOGINFAIL'));
  // A campaign from many networks leaves a counter per source: deleted 25 at a time.
  for (let i = 0; i < items.length; i += 25)
    await Promise.all(
      items
        .slice(i, i + 25)
        .map((item) =>
          documents.delete({ TableName: tableNameFromEnv('main'), Key: { pk: item.pk, sk: item.sk } }),
        ),
    );
  return {
    failures:
      accountCounter.success && accountCounter.data.windowEndsAt > nowSeconds
        ? accountCounter.data.failures
        : 0,
  };
}
