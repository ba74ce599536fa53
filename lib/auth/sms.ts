import * as z from '../zod';
import { lazyEnv } from '../config';
import { problems } from '../http/problem';
import { lazySchema } from '../lazy-schema';
import { logger } from '../observability';

/** A text to one phone: a template of the SMS provider and its parameters. */
export interface SmsMessage {
  /** The national number, digits only. */
  phone: string;
  /** Digits without +: 86 for mainland China. */
  countryCode: string;
  template: 'sign-in-code';
  params: Record<string, string>;
}

/** Sends a text; throws 503 UPSTREAM_UNAVAILABLE when it could not. */
export type SendSms = (message: SmsMessage) => Promise<void>;

const env = lazyEnv({
  SMS_SIMULATOR_URL: lazySchema(() => z.optional(z.url())),
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
  if (!response.ok) throw problems.upstreamUnavailable(`The SMS gateway answered HTTP ${response.status}.`);
}

/**
 * The SMS adapter this deployment has. Only the local cloud's simulator is built (SMS_SIMULATOR_URL);
 * a stage without an SMS provider refuses to send with 503, so sign-in by SMS is off there rather than
 * pretending to send.
 */
export const sendSms: SendSms = async (message) => {
  const url = env().SMS_SIMULATOR_URL;
  if (!url) {
    logger.error('sms send refused: no SMS provider is configured', { template: message.template });
    throw problems.upstreamUnavailable('Sign-in by SMS is not available here.');
  }
  await sendThroughSimulator(url, message);
};
