import { createHash, createHmac } from 'node:crypto';
import * as z from '../zod';
import { problems, type Problem } from '../http/problem';
import { lazySchema } from '../lazy-schema';
import { logger } from '../observability';
import { SmsNotSent, type SendSms, type SmsMessage } from './sms';

/**
 * Tencent Cloud SMS (短信), API SendSms of version 2021-01-11, called over HTTPS with TC3-HMAC-SHA256
 * signing. Written against the API rather than through tencentcloud-sdk-nodejs-sms: that SDK brings
 * node-fetch 2 with whatwg-url, form-data and mime-db, a 535 KB bundle (the budget of any function is
 * 300 KB) that prints two deprecation warnings at every cold start, for one signed POST.
 */

/** What the `tencentCloudSms` secret holds: an API key of a CAM user allowed sms:SendSms, and the SMS app. */
export const tencentCloudSmsAccountSchema = lazySchema(() =>
  z.object({
    secretId: z.string().check(z.minLength(1)),
    secretKey: z.string().check(z.minLength(1)),
    /** The SMS application's SdkAppId (14000…), from the SMS console. */
    sdkAppId: z.string().check(z.regex(/^\d+$/, 'must be the digits of the SdkAppId')),
    /** The approved signature (签名), e.g. the mall group's name, without 【】. */
    signName: z.string().check(z.minLength(1)),
    /** The approved template of the sign-in text, with two parameters: {1} the code, {2} the minutes it lasts. */
    signInTemplateId: z.string().check(z.regex(/^\d+$/, 'must be the digits of the template id')),
  }),
);
export type TencentCloudSmsAccount = z.infer<typeof tencentCloudSmsAccountSchema>;

export const TENCENT_CLOUD_SMS_ENDPOINT = 'https://sms.tencentcloudapi.com/';
const SERVICE = 'sms';
const VERSION = '2021-01-11';
const REQUEST_TIMEOUT_MS = 3000;

export interface TencentCloudSmsOptions {
  /** The account, read when a text is sent (the secret is cached per container). */
  account: () => Promise<TencentCloudSmsAccount>;
  /** The API's region: ap-guangzhou unless the stage says otherwise. */
  region: string;
  /** The API's URL; tests point it at a local server. */
  endpoint?: string;
  timeoutMs?: number;
  /** The clock: signatures carry the time, and daily limits end at midnight in Beijing. */
  now?: () => Date;
}

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();

/**
 * The Authorization header of a TC3-HMAC-SHA256 signed JSON POST to the root path: the canonical request
 * signs content-type and host, with a key derived from the secret key, the UTC date and the service.
 */
export function tc3Authorization(input: {
  secretId: string;
  secretKey: string;
  host: string;
  contentType: string;
  body: string;
  timestamp: number;
  service: string;
}): string {
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const canonicalRequest = [
    'POST',
    '/',
    '',
    `content-type:${input.contentType}\nhost:${input.host}\n`,
    'content-type;host',
    sha256Hex(input.body),
  ].join('\n');
  const scope = `${date}/${input.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(input.timestamp), scope, sha256Hex(canonicalRequest)].join(
    '\n',
  );
  const signingKey = hmac(hmac(hmac(`TC3${input.secretKey}`, date), input.service), 'tc3_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return `TC3-HMAC-SHA256 Credential=${input.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`;
}

const answerSchema = lazySchema(() =>
  z.object({
    Response: z.object({
      Error: z.optional(z.object({ Code: z.string(), Message: z._default(z.string(), '') })),
      SendStatusSet: z.optional(z.array(z.object({ Code: z.string(), Message: z._default(z.string(), '') }))),
      RequestId: z._default(z.string(), ''),
    }),
  }),
);

/** Seconds until the next midnight in Beijing (UTC+8, no daylight saving), when the daily limits reset. */
const untilBeijingMidnight = (now: Date) => {
  const day = 24 * 3600;
  const beijingSeconds = Math.floor(now.getTime() / 1000) + 8 * 3600;
  return day - (beijingSeconds % day);
};

const tooManyTexts = (retryAfter: number) => SmsNotSent.from(problems.tooManySmsCodes(retryAfter));
const notSent = (problem: Problem) => SmsNotSent.from(problem);

/**
 * What the API answers when it sends nothing, as our API answers it: a limit on the number is the member's
 * 429, a number no text reaches is 422, a fault on Tencent's side or a daily budget spent is 503, and
 * anything else (credentials, an unapproved signature or template, no balance) is our fault: 502.
 */
export function tencentCloudSmsProblem(code: string, now: Date): SmsNotSent {
  switch (code) {
    case 'LimitExceeded.PhoneNumberThirtySecondLimit':
      return tooManyTexts(30);
    case 'LimitExceeded.DeliveryFrequencyLimit':
      return tooManyTexts(60);
    case 'LimitExceeded.PhoneNumberOneHourLimit':
      return tooManyTexts(3600);
    case 'LimitExceeded.PhoneNumberDailyLimit':
    case 'LimitExceeded.PhoneNumberSameContentDailyLimit':
      return tooManyTexts(untilBeijingMidnight(now));
    case 'InvalidParameterValue.IncorrectPhoneNumber':
    case 'FailedOperation.PhoneNumberInBlacklist':
    case 'UnsupportedOperation.UnsupportedRegion':
      return notSent(problems.phoneNumberRejected());
  }
  if (
    code.startsWith('InternalError') ||
    code.startsWith('RequestLimitExceeded') ||
    /^LimitExceeded\.App\w*DailyLimit$/.test(code)
  )
    return notSent(problems.upstreamUnavailable(`Tencent Cloud SMS answered ${code}.`));
  return notSent(problems.smsProviderError(`Tencent Cloud SMS answered ${code}.`));
}

/** The template parameters of each text, in the order of the template's {1}, {2}, … */
function templateParams(message: SmsMessage): string[] {
  switch (message.template) {
    case 'sign-in-code':
      return [message.params.code ?? '', message.params.minutes ?? ''];
  }
}

/**
 * Sends texts through Tencent Cloud SMS. The number, the code and the secret are never logged: a send is
 * logged by its template, the API's answer code, its RequestId and its time.
 */
export function tencentCloudSms(options: TencentCloudSmsOptions): SendSms {
  const endpoint = new URL(options.endpoint ?? TENCENT_CLOUD_SMS_ENDPOINT);
  const now = options.now ?? (() => new Date());
  return async (message) => {
    let account: TencentCloudSmsAccount;
    try {
      account = await options.account();
    } catch (error) {
      logger.error('sms send refused: the tencentCloudSms secret is not readable or not set', {
        error: error instanceof Error ? error.message : String(error),
      });
      throw notSent(problems.upstreamUnavailable('The SMS account is not configured.'));
    }
    const body = JSON.stringify({
      PhoneNumberSet: [`+${message.countryCode}${message.phone}`],
      SmsSdkAppId: account.sdkAppId,
      SignName: account.signName,
      TemplateId: account.signInTemplateId,
      TemplateParamSet: templateParams(message),
    });
    const timestamp = Math.floor(now().getTime() / 1000);
    const contentType = 'application/json';
    const started = Date.now();
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': contentType,
          'x-tc-action': 'SendSms',
          'x-tc-version': VERSION,
          'x-tc-region': options.region,
          'x-tc-timestamp': String(timestamp),
          authorization: tc3Authorization({
            secretId: account.secretId,
            secretKey: account.secretKey,
            host: endpoint.hostname,
            contentType,
            body,
            timestamp,
            service: SERVICE,
          }),
        },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      logger.warn('sms send unanswered', {
        template: message.template,
        timedOut,
        durationMs: Date.now() - started,
      });
      // A request that timed out may still have been sent; one that never connected was not.
      if (timedOut) throw problems.upstreamUnavailable('Tencent Cloud SMS did not answer in time.');
      throw notSent(problems.upstreamUnavailable('Tencent Cloud SMS could not be reached.'));
    }
    const answer = answerSchema.safeParse(await response.json().catch(() => undefined));
    const failure = answer.success
      ? (answer.data.Response.Error ?? answer.data.Response.SendStatusSet?.[0])
      : undefined;
    const code = answer.success ? (failure?.Code ?? 'Missing.SendStatus') : undefined;
    logger.info('sms send', {
      template: message.template,
      status: response.status,
      providerCode: code,
      requestId: answer.success ? answer.data.Response.RequestId : undefined,
      durationMs: Date.now() - started,
    });
    if (!response.ok || !answer.success)
      throw notSent(problems.upstreamUnavailable(`Tencent Cloud SMS answered HTTP ${response.status}.`));
    if (code === 'Ok') return;
    const problem = tencentCloudSmsProblem(code!, now());
    if (problem.status >= 500)
      logger.error('sms send failed', { template: message.template, providerCode: code });
    throw problem;
  };
}
