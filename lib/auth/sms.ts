import * as z from '../zod';
import { lazyEnv } from '../config';
import { Problem, problems } from '../http/problem';
import { lazySchema } from '../lazy-schema';
import { logger } from '../observability';
import { readConfiguredSecret } from '../secrets';
import { smsProvider } from './sms-setting';
import { tencentCloudSms, tencentCloudSmsAccountSchema } from './tencent-cloud-sms';

/** A text to one phone: a template of the SMS provider and its parameters. */
export interface SmsMessage {
  /** The national number, digits only. */
  phone: string;
  /** Digits without +: 86 for mainland China. */
  countryCode: string;
  template: 'sign-in-code';
  /** For `sign-in-code`: `code`, and `minutes` it lasts. */
  params: Record<string, string>;
}

/**
 * Sends a text, or throws a Problem: SmsNotSent when the text surely did not go out (the gateway refused it
 * or was never reached), a plain Problem when it may have (no answer in time).
 */
export type SendSms = (message: SmsMessage) => Promise<void>;

/** A text that did not go out: the send it took is given back to the member's limits. */
export class SmsNotSent extends Problem {
  static from(problem: Problem): SmsNotSent {
    return new SmsNotSent(problem.status, problem.code, problem.title, problem.detail, problem.extra);
  }
}

const env = lazyEnv({
  TENCENT_CLOUD_SMS_REGION: lazySchema(() => z._default(z.string().check(z.minLength(1)), 'ap-guangzhou')),
});

const REQUEST_TIMEOUT_MS = 3000;

/**
 * The local cloud's SMS gateway (lib/local/sms-simulator.ts): texts are posted to it and read back at
 * GET /_local/sms/messages. Logged without the number or the text.
 */
async function sendThroughSimulator(url: string, message: SmsMessage): Promise<void> {
  const started = Date.now();
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        phone: `+${message.countryCode}${message.phone}`,
        template: message.template,
        params: message.params,
      }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch {
    logger.warn('sms send unanswered', { template: message.template, durationMs: Date.now() - started });
    throw problems.upstreamUnavailable('The SMS gateway did not answer in time.');
  }
  logger.info('sms send', {
    template: message.template,
    status: response.status,
    durationMs: Date.now() - started,
  });
  if (!response.ok)
    throw SmsNotSent.from(problems.upstreamUnavailable(`The SMS gateway answered HTTP ${response.status}.`));
}

let tencentCloud: SendSms | undefined;

/**
 * The SMS adapter this deployment has: the local cloud's simulator (SMS_SIMULATOR_URL), or Tencent Cloud
 * SMS where the stage turned sign-in by SMS on; elsewhere 503 SMS_SIGN_IN_DISABLED, before any limit is
 * taken or code kept.
 */
export function smsGateway(): SendSms {
  const provider = smsProvider();
  if (provider === 'off') throw problems.smsSignInDisabled();
  if (provider !== 'tencent-cloud') return (message) => sendThroughSimulator(provider.simulator, message);
  return (tencentCloud ??= tencentCloudSms({
    account: () => readConfiguredSecret('tencentCloudSms', tencentCloudSmsAccountSchema),
    region: env().TENCENT_CLOUD_SMS_REGION,
  }));
}
