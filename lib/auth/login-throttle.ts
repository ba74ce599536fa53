import * as z from '../zod';
import { documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { Problem } from '../http/problem';
import { lazySchema } from '../lazy-schema';

/** Failures counted over this window, per account and per source IP. */
const WINDOW_SECONDS = 15 * 60;
/** After this many failures the account (or IP) is locked until the window ends. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

const counterKey = (subject: string) => ({ pk: `LOGINFAIL#${subject}`, sk: 'LOGINFAIL' });
const counterSchema = lazySchema(() => z.object({ failures: z.int(), windowEndsAt: z.int() }));

async function failuresOf(subject: string, nowSeconds: number) {
  const { Item } = await documents.get({
    TableName: tableNameFromEnv('main'),
    Key: counterKey(subject),
    ConsistentRead: true,
  });
  const counter = counterSchema.safeParse(Item);
  return counter.success && counter.data.windowEndsAt > nowSeconds
    ? counter.data
    : { failures: 0, windowEndsAt: nowSeconds + WINDOW_SECONDS };
}

const lockedOut = (retryAfter: number) =>
  new Problem(
    429,
    'TOO_MANY_LOGIN_ATTEMPTS',
    'Too many requests',
    'Too many failed sign-ins; try again later.',
    {
      headers: { 'retry-after': String(Math.max(1, retryAfter)) },
    },
  );

/**
 * Refuses a sign-in while the account or the IP is locked out, and otherwise slows it down in
 * proportion to the recent failures (progressive delay), before the password is even checked.
 */
export async function guardLogin(account: string, ip: string | undefined, now = new Date()) {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const [byAccount, byIp] = await Promise.all([
    failuresOf(`account:${account}`, nowSeconds),
    ip ? failuresOf(`ip:${ip}`, nowSeconds) : Promise.resolve({ failures: 0, windowEndsAt: nowSeconds }),
  ]);
  if (byAccount.failures >= MAX_FAILURES_PER_ACCOUNT) throw lockedOut(byAccount.windowEndsAt - nowSeconds);
  if (byIp.failures >= MAX_FAILURES_PER_IP) throw lockedOut(byIp.windowEndsAt - nowSeconds);
  const delayMs = Math.min(2000, 250 * byAccount.failures);
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
}

/** Counts a failed sign-in against the account and the IP; the counters expire with their window. */
export async function recordLoginFailure(account: string, ip: string | undefined, now = new Date()) {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const subjects = [`account:${account}`, ...(ip ? [`ip:${ip}`] : [])];
  await Promise.all(
    subjects.map(async (subject) => {
      const current = await failuresOf(subject, nowSeconds);
      await documents.update({
        TableName: tableNameFromEnv('main'),
        Key: counterKey(subject),
        UpdateExpression: 'SET failures = :failures, windowEndsAt = :ends, expiresAt = :ends',
        ExpressionAttributeValues: { ':failures': current.failures + 1, ':ends': current.windowEndsAt },
      });
    }),
  );
}

/** A successful sign-in clears the account's counter (not the IP's: one good password does not vouch for an IP). */
export async function clearLoginFailures(account: string) {
  await documents.update({
    TableName: tableNameFromEnv('main'),
    Key: counterKey(`account:${account}`),
    UpdateExpression: 'SET failures = :zero',
    ExpressionAttributeValues: { ':zero': 0 },
  });
}
