// Sign-in with a texted code against DynamoDB Local: the same answer for every number, codes that
// expire and run out of tries, send limits refused at once, and one member however first sign-ins race.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SMS_CODE_MAX_ATTEMPTS, SMS_CODE_TTL_SECONDS } from '../../lib/auth/sms-codes';
import { sendSignInCode, signInWithSmsCode, SMS_SENDS_PER_SOURCE_PER_HOUR } from '../../lib/auth/sms-sign-in';
import { SmsNotSent, type SmsMessage } from '../../lib/auth/sms';
import {
  bindPhone,
  erasePersonalData,
  findOrRegisterCustomer,
  getCustomerRecord,
} from '../../lib/customers/repository';
import { Problem, problems } from '../../lib/http/problem';

process.env.JWT_SIGNING_KEYS = JSON.stringify({ currentKid: 'k1', k1: 'x'.repeat(64) });

const eventBridge = mockClient(EventBridgeClient);
beforeEach(() => {
  eventBridge.reset();
  eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ({
    FailedEntryCount: 0,
    Entries: input.Entries.map(() => ({ EventId: 'e' })),
  }));
});
const registrationsPublished = () =>
  eventBridge
    .commandCalls(PutEventsCommand)
    .flatMap((call) => call.args[0].input.Entries ?? [])
    .filter((entry) => entry.DetailType === 'CustomerRegistered')
    .map((entry) => JSON.parse(entry.Detail!) as { data: { customerId: string; channel: string } });

/** A mainland mobile number no other test uses. */
const freshPhone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
let ipCounter = Math.floor(Math.random() * 200);
/** A source address no other test uses, so its counter starts at nought. */
const freshIp = () => `10.77.${Math.floor(Math.random() * 250)}.${(ipCounter++ % 250) + 1}`;

/** An SMS adapter that keeps what it was asked to send. */
function inbox() {
  const sent: SmsMessage[] = [];
  return {
    sent,
    send: async (message: SmsMessage) => void sent.push(message),
    last: () => sent.at(-1)!.params.code!,
  };
}
const at = (iso: string) => new Date(iso);
const plus = (from: Date, seconds: number) => new Date(from.getTime() + seconds * 1000);

async function refusal(promise: Promise<unknown>): Promise<Problem> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(Problem);
  return error as Problem;
}

describe('sending a sign-in code', () => {
  it('answers alike for a member’s number and an unknown one, and texts both', async () => {
    const known = freshPhone();
    const { record } = await findOrRegisterCustomer({ openid: `openid-it-${known}` });
    await bindPhone(record.customerId, known, '86');
    const box = inbox();
    const now = at('2026-12-01T02:00:00Z');
    const forKnown = await sendSignInCode({ phone: known, countryCode: '86' }, freshIp(), now, box.send);
    const forUnknown = await sendSignInCode(
      { phone: freshPhone(), countryCode: '86' },
      freshIp(),
      now,
      box.send,
    );
    expect(forKnown).toEqual(forUnknown);
    expect(forKnown).toEqual({ expiresIn: SMS_CODE_TTL_SECONDS });
    expect(box.sent).toHaveLength(2);
    for (const message of box.sent) expect(message.params.code).toMatch(/^\d{6}$/);
  });

  it('refuses a second code to one number within the minute, with Retry-After, and sends nothing', async () => {
    const phone = freshPhone();
    const box = inbox();
    const now = at('2026-12-01T03:00:00Z');
    await sendSignInCode({ phone, countryCode: '86' }, freshIp(), now, box.send);
    const refused = await refusal(
      sendSignInCode({ phone, countryCode: '86' }, freshIp(), plus(now, 20), box.send),
    );
    expect(refused.status).toBe(429);
    expect(refused.code).toBe('TOO_MANY_SMS_CODES');
    expect(refused.extra.headers?.['retry-after']).toBe('40');
    expect(box.sent).toHaveLength(1);
    // A minute on, the number may have another.
    await sendSignInCode({ phone, countryCode: '86' }, freshIp(), plus(now, 61), box.send);
    expect(box.sent).toHaveLength(2);
  });

  it('sends one number at most 5 codes an hour', async () => {
    const phone = freshPhone();
    const box = inbox();
    const now = at('2026-12-01T04:00:00Z');
    for (let i = 0; i < 5; i++)
      await sendSignInCode({ phone, countryCode: '86' }, freshIp(), plus(now, i * 61), box.send);
    const refused = await refusal(
      sendSignInCode({ phone, countryCode: '86' }, freshIp(), plus(now, 5 * 61), box.send),
    );
    expect(refused.status).toBe(429);
    expect(Number(refused.extra.headers?.['retry-after'])).toBe(3600 - 5 * 61);
  });

  it('lets one source ask for 20 codes an hour, counted atomically when they come at once', async () => {
    const ip = freshIp();
    const box = inbox();
    const now = at('2026-12-01T05:00:00Z');
    const outcomes = await Promise.allSettled(
      Array.from({ length: SMS_SENDS_PER_SOURCE_PER_HOUR + 5 }, () =>
        sendSignInCode({ phone: freshPhone(), countryCode: '86' }, ip, now, box.send),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(
      SMS_SENDS_PER_SOURCE_PER_HOUR,
    );
    expect(box.sent).toHaveLength(SMS_SENDS_PER_SOURCE_PER_HOUR);
    const reasons = outcomes.flatMap((outcome) =>
      outcome.status === 'rejected' ? [outcome.reason as Problem] : [],
    );
    expect(reasons.map((reason) => reason.code)).toEqual(Array(5).fill('TOO_MANY_SMS_CODES'));
  });
});

describe('a send that fails', () => {
  const refusedByGateway = async () => {
    throw SmsNotSent.from(problems.smsProviderError('Tencent Cloud SMS answered FailedOperation.X.'));
  };
  const unanswered = async () => {
    throw problems.upstreamUnavailable('Tencent Cloud SMS did not answer in time.');
  };

  it('keeps no new code, leaves the earlier one in force, and gives the send back when the text did not go out', async () => {
    const phone = freshPhone();
    const ip = freshIp();
    const box = inbox();
    const now = at('2026-12-03T02:00:00Z');
    await sendSignInCode({ phone, countryCode: '86' }, ip, now, box.send);
    const earlier = box.last();
    const refused = await refusal(
      sendSignInCode({ phone, countryCode: '86' }, ip, plus(now, 61), refusedByGateway),
    );
    expect([refused.status, refused.code]).toEqual([502, 'SMS_PROVIDER_ERROR']);
    const signedIn = await signInWithSmsCode(
      { phone, countryCode: '86', code: earlier },
      'c-earlier',
      plus(now, 62),
    );
    expect(signedIn.accessToken).toBeTruthy();
    // The failed send took nothing from the minute it was made in: the member may ask again at once.
    await sendSignInCode({ phone, countryCode: '86' }, ip, plus(now, 63), box.send);
    expect(box.sent).toHaveLength(2);
  });

  it('keeps the send counted, and no code, when the text may have gone out', async () => {
    const phone = freshPhone();
    const box = inbox();
    const now = at('2026-12-03T03:00:00Z');
    const refused = await refusal(sendSignInCode({ phone, countryCode: '86' }, freshIp(), now, unanswered));
    expect([refused.status, refused.code]).toEqual([503, 'UPSTREAM_UNAVAILABLE']);
    const guessed = await refusal(
      signInWithSmsCode({ phone, countryCode: '86', code: '000000' }, 'c-none', plus(now, 5)),
    );
    expect(guessed.code).toBe('SMS_CODE_EXPIRED');
    const again = await refusal(
      sendSignInCode({ phone, countryCode: '86' }, freshIp(), plus(now, 10), box.send),
    );
    expect([again.status, again.extra.headers?.['retry-after']]).toEqual([429, '50']);
    expect(box.sent).toHaveLength(0);
  });

  it('texts the code with the minutes it lasts', async () => {
    const box = inbox();
    await sendSignInCode(
      { phone: freshPhone(), countryCode: '86' },
      freshIp(),
      at('2026-12-03T04:00:00Z'),
      box.send,
    );
    expect(box.sent[0]!.params).toEqual({ code: box.last(), minutes: String(SMS_CODE_TTL_SECONDS / 60) });
  });
});

describe('signing in with a code', () => {
  it('signs in the member who bound the number, and never registers them again', async () => {
    const phone = freshPhone();
    const { record } = await findOrRegisterCustomer({ openid: `openid-it-${phone}` });
    await bindPhone(record.customerId, phone, '86');
    const box = inbox();
    const now = at('2026-12-02T02:00:00Z');
    await sendSignInCode({ phone, countryCode: '86' }, freshIp(), now, box.send);
    const signedIn = await signInWithSmsCode(
      { phone, countryCode: '86', code: box.last() },
      'c-known',
      plus(now, 30),
    );
    expect(signedIn.customer.id).toBe(record.customerId);
    expect(signedIn.accessToken).toBeTruthy();
    expect(
      registrationsPublished().filter((event) => event.data.customerId === record.customerId),
    ).toHaveLength(1);
  });

  it('registers a new member with the number bound, through the one registration and its event', async () => {
    const phone = freshPhone();
    const box = inbox();
    const now = at('2026-12-02T03:00:00Z');
    await sendSignInCode({ phone, countryCode: '86' }, freshIp(), now, box.send);
    const signedIn = await signInWithSmsCode(
      { phone, countryCode: '86', code: box.last() },
      'c-new',
      plus(now, 30),
    );
    expect(signedIn.isNew).toBe(true);
    expect(signedIn.customer.phone).toBe(phone);
    expect(registrationsPublished()).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ customerId: signedIn.customer.id, channel: 'sms' }),
      }),
    ]);
    // The next code for the number signs the same member in.
    await sendSignInCode({ phone, countryCode: '86' }, freshIp(), plus(now, 120), box.send);
    const again = await signInWithSmsCode(
      { phone, countryCode: '86', code: box.last() },
      'c-again',
      plus(now, 150),
    );
    expect(again.customer.id).toBe(signedIn.customer.id);
    expect(again.isNew).toBe(false);
  });

  it('takes a code once', async () => {
    const phone = freshPhone();
    const box = inbox();
    const now = at('2026-12-02T04:00:00Z');
    await sendSignInCode({ phone, countryCode: '86' }, freshIp(), now, box.send);
    await signInWithSmsCode({ phone, countryCode: '86', code: box.last() }, 'c-1', now);
    const refused = await refusal(
      signInWithSmsCode({ phone, countryCode: '86', code: box.last() }, 'c-2', now),
    );
    expect(refused.code).toBe('SMS_CODE_EXPIRED');
  });

  it('refuses a code after its 5 minutes, even the right one', async () => {
    const phone = freshPhone();
    const box = inbox();
    const now = at('2026-12-02T05:00:00Z');
    await sendSignInCode({ phone, countryCode: '86' }, freshIp(), now, box.send);
    const refused = await refusal(
      signInWithSmsCode(
        { phone, countryCode: '86', code: box.last() },
        'c-late',
        plus(now, SMS_CODE_TTL_SECONDS),
      ),
    );
    expect(refused.code).toBe('SMS_CODE_EXPIRED');
    // Within its 5 minutes it would have done.
    await sendSignInCode({ phone, countryCode: '86' }, freshIp(), plus(now, 400), box.send);
    await signInWithSmsCode(
      { phone, countryCode: '86', code: box.last() },
      'c-in-time',
      plus(now, 400 + SMS_CODE_TTL_SECONDS - 1),
    );
  });

  it('gives a code 5 tries: wrong codes say how many are left, and the 6th fails even when right', async () => {
    const phone = freshPhone();
    const box = inbox();
    const now = at('2026-12-02T06:00:00Z');
    await sendSignInCode({ phone, countryCode: '86' }, freshIp(), now, box.send);
    const wrong = box.last() === '000000' ? '111111' : '000000';
    const details: string[] = [];
    for (let i = 0; i < SMS_CODE_MAX_ATTEMPTS; i++) {
      const refused = await refusal(
        signInWithSmsCode({ phone, countryCode: '86', code: wrong }, 'c-guess', now),
      );
      expect(refused.code).toBe('SMS_CODE_INVALID');
      details.push(refused.detail!);
    }
    expect(details[0]).toContain('4 tries are left');
    expect(details[4]).toContain('last try');
    const sixth = await refusal(
      signInWithSmsCode({ phone, countryCode: '86', code: box.last() }, 'c-right', now),
    );
    expect(sixth.code).toBe('SMS_CODE_EXPIRED');
  });

  it('replaces the earlier code with a new send', async () => {
    const phone = freshPhone();
    const box = inbox();
    const now = at('2026-12-02T07:00:00Z');
    await sendSignInCode({ phone, countryCode: '86' }, freshIp(), now, box.send);
    const first = box.last();
    await sendSignInCode({ phone, countryCode: '86' }, freshIp(), plus(now, 61), box.send);
    const second = box.last();
    if (first !== second) {
      const refused = await refusal(
        signInWithSmsCode({ phone, countryCode: '86', code: first }, 'c-old', plus(now, 62)),
      );
      expect(refused.code).toBe('SMS_CODE_INVALID');
    }
    await signInWithSmsCode({ phone, countryCode: '86', code: second }, 'c-new', plus(now, 63));
  });

  it('makes one member of a new number when two verifications race with its code', async () => {
    const phone = freshPhone();
    const box = inbox();
    const now = at('2026-12-02T08:00:00Z');
    await sendSignInCode({ phone, countryCode: '86' }, freshIp(), now, box.send);
    const outcomes = await Promise.allSettled(
      [1, 2].map((i) =>
        signInWithSmsCode({ phone, countryCode: '86', code: box.last() }, `c-race-${i}`, now),
      ),
    );
    const won = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    expect(won).toHaveLength(1);
    expect(won[0]!.isNew).toBe(true);
    expect(registrationsPublished()).toHaveLength(1);
  });

  it('makes one member when first sign-ins of a new number race (each with its own code)', async () => {
    const { findOrRegisterPhoneMember } = await import('../../lib/customers/repository');
    const phone = freshPhone();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => findOrRegisterPhoneMember('86', phone)),
    );
    expect(new Set(results.map((result) => result.record.customerId)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
  });

  it('registers a new member for the number of an erased one', async () => {
    const phone = freshPhone();
    const box = inbox();
    const now = at('2026-12-02T09:00:00Z');
    await sendSignInCode({ phone, countryCode: '86' }, freshIp(), now, box.send);
    const first = await signInWithSmsCode({ phone, countryCode: '86', code: box.last() }, 'c-first', now);
    await erasePersonalData(first.customer.id);
    await sendSignInCode({ phone, countryCode: '86' }, freshIp(), plus(now, 61), box.send);
    const second = await signInWithSmsCode(
      { phone, countryCode: '86', code: box.last() },
      'c-second',
      plus(now, 62),
    );
    expect(second.customer.id).not.toBe(first.customer.id);
    expect(second.isNew).toBe(true);
    expect((await getCustomerRecord(first.customer.id))?.erasedAt).toBeTruthy();
  });
});
