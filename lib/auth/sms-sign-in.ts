import { createHash } from 'node:crypto';
import { e164, findOrRegisterPhoneMember } from '../customers/repository';
import { problems } from '../http/problem';
import { giveBack, sourceOf, take, type Counter, type Taken } from './login-throttle';
import { newSmsCode, redeemSmsCode, SMS_CODE_TTL_SECONDS, storeSmsCode } from './sms-codes';
import { smsGateway, SmsNotSent, type SendSms } from './sms';
import { memberSignedIn } from './wechat-sign-in';

/** Codes one number may be sent: one a minute, five an hour. */
export const SMS_SENDS_PER_PHONE_PER_MINUTE = 1;
export const SMS_SENDS_PER_PHONE_PER_HOUR = 5;
/** Codes one source (an IPv4 address or an IPv6 /64) may ask for an hour, whatever the numbers. */
export const SMS_SENDS_PER_SOURCE_PER_HOUR = 20;

/** The counters of sends a code request takes, in the order it takes them. */
export function smsSendCounters(phoneE164: string, source: string | undefined): Counter[] {
  const phone = `SMSSEND#phone:${createHash('sha256').update(phoneE164).digest('hex')}`;
  return [
    ...(source
      ? [
          {
            key: { pk: `SMSSEND#ip:${source}`, sk: 'HOUR' },
            limit: SMS_SENDS_PER_SOURCE_PER_HOUR,
            windowSeconds: 3600,
          },
        ]
      : []),
    { key: { pk: phone, sk: 'MINUTE' }, limit: SMS_SENDS_PER_PHONE_PER_MINUTE, windowSeconds: 60 },
    { key: { pk: phone, sk: 'HOUR' }, limit: SMS_SENDS_PER_PHONE_PER_HOUR, windowSeconds: 3600 },
  ];
}

/**
 * Counts one send against each limit, each by a conditional write that refuses at the limit (requests
 * made at once are each counted); a refusal gives back what the request took, as it sends nothing.
 * Answers what was taken, to be given back if the text does not go out.
 */
async function takeSend(phoneE164: string, ip: string | undefined, now: Date): Promise<Taken[]> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const taken: Taken[] = [];
  for (const counter of smsSendCounters(phoneE164, sourceOf(ip))) {
    const outcome = await take(counter, nowSeconds);
    if ('retryAfter' in outcome) {
      await Promise.all(taken.map(giveBack));
      throw problems.tooManySmsCodes(outcome.retryAfter);
    }
    taken.push(outcome);
  }
  return taken;
}

/**
 * Sends a sign-in code to a phone number. The answer is the same whether or not a member has the
 * number, so it tells no one who is a member; the number and the code are never logged.
 *
 * The code is kept only once the gateway took the text: a send that fails leaves the number's earlier
 * code in force and no new one (the code of a text that was never delivered cannot be typed anyway, and
 * keeping it would void the code the member may already have). A text that surely did not go out gives
 * its send back to the limits; one that may have gone out (no answer in time) stays counted. Concurrent
 * sends to one number cannot cross (one a minute), so the code kept is the one texted.
 */
export async function sendSignInCode(
  phone: { phone: string; countryCode: string },
  ip: string | undefined,
  now = new Date(),
  send: SendSms = smsGateway(),
): Promise<{ expiresIn: number }> {
  const number = e164(phone.countryCode, phone.phone);
  const taken = await takeSend(number, ip, now);
  const code = newSmsCode();
  const minutes = String(SMS_CODE_TTL_SECONDS / 60);
  try {
    await send({ ...phone, template: 'sign-in-code', params: { code, minutes } });
  } catch (error) {
    if (error instanceof SmsNotSent) await Promise.all(taken.map(giveBack));
    throw error;
  }
  await storeSmsCode(number, code, now);
  return { expiresIn: SMS_CODE_TTL_SECONDS };
}

/**
 * Signs in with a code sent to a phone number: the member who bound that number, or a new member
 * registered with it bound (the same registration and CustomerRegistered event as in WeChat).
 */
export async function signInWithSmsCode(
  phone: { phone: string; countryCode: string; code: string },
  correlationId: string,
  now = new Date(),
) {
  await redeemSmsCode(e164(phone.countryCode, phone.phone), phone.code, now);
  const { record } = await findOrRegisterPhoneMember(phone.countryCode, phone.phone, now);
  return memberSignedIn(record, correlationId);
}
