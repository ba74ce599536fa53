// The Tencent Cloud SMS adapter against a local HTTP server standing in for sms.tencentcloudapi.com: what it
// signs and sends, and how each answer (or none) becomes our API's problem, sent or surely not sent.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { smsGateway, SmsNotSent, type SmsMessage } from '../../lib/auth/sms';
import { requireSmsSignIn } from '../../lib/auth/sms-setting';
import {
  tc3Authorization,
  tencentCloudSms,
  tencentCloudSmsProblem,
  type TencentCloudSmsAccount,
} from '../../lib/auth/tencent-cloud-sms';
import { Problem } from '../../lib/http/problem';
import { logger } from '../../lib/observability';

const account: TencentCloudSmsAccount = {
  secretId: 'AKIDEXAMPLE',
  secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
  sdkAppId: '1400006666',
  signName: '商场会员',
  signInTemplateId: '1110',
};
const message: SmsMessage = {
  phone: '13800138000',
  countryCode: '86',
  template: 'sign-in-code',
  params: { code: '492039', minutes: '5' },
};
const now = new Date('2025-12-01T02:00:00Z');

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}
let received: Received[] = [];
/** What the stand-in answers next: a status and a body, or silence. */
let reply: { status: number; body: unknown } | 'silence' = { status: 200, body: {} };
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ method: request.method!, url: request.url!, headers: request.headers, body });
      if (reply === 'silence') return;
      response.writeHead(reply.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
afterEach(() => {
  vi.unstubAllEnvs();
  received = [];
  reply = { status: 200, body: {} };
});

const sendStatus = (code: string) => ({
  Response: {
    SendStatusSet: [
      {
        SerialNo: '5000:1045710669157053657849499619',
        PhoneNumber: '+8613800138000',
        Fee: 1,
        SessionContext: '',
        Code: code,
        Message: code === 'Ok' ? 'send success' : 'refused',
        IsoCode: 'CN',
      },
    ],
    RequestId: 'a0aabda6-cf91-4f3e-a81f-9198114a2279',
  },
});
const apiError = (code: string) => ({
  Response: { Error: { Code: code, Message: 'refused' }, RequestId: 'b1bbcde7-0000-4000-8000-000000000000' },
});

const adapter = (overrides: Partial<Parameters<typeof tencentCloudSms>[0]> = {}) =>
  tencentCloudSms({
    account: async () => account,
    region: 'ap-guangzhou',
    endpoint,
    now: () => now,
    ...overrides,
  });

async function failure(promise: Promise<unknown>): Promise<Problem> {
  const thrown = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(Problem);
  return thrown as Problem;
}

describe('TC3-HMAC-SHA256 signing', () => {
  it('signs as the official SDK does (vector from tencentcloud-sdk-nodejs-common 4.1.220 Sign.sign3)', () => {
    const body = JSON.stringify({
      PhoneNumberSet: ['+8613800138000'],
      SmsSdkAppId: '1400006666',
      SignName: '商场会员',
      TemplateId: '1110',
      TemplateParamSet: ['492039', '5'],
    });
    expect(
      tc3Authorization({
        secretId: account.secretId,
        secretKey: account.secretKey,
        host: 'sms.tencentcloudapi.com',
        contentType: 'application/json',
        body,
        timestamp: 1764554400,
        service: 'sms',
      }),
    ).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2025-12-01/sms/tc3_request, SignedHeaders=content-type;host, ' +
        'Signature=6a8970aadea30011aebed080560db41a46032257c17d8c13e1cd7cf954a651e1',
    );
  });
});

describe('sending a sign-in code', () => {
  it('posts SendSms 2021-01-11 with the E.164 number, the app, the signature and [code, minutes], signed', async () => {
    reply = { status: 200, body: sendStatus('Ok') };
    await adapter()(message);
    expect(received).toHaveLength(1);
    const [request] = received as [Received];
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/');
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'x-tc-action': 'SendSms',
      'x-tc-version': '2021-01-11',
      'x-tc-region': 'ap-guangzhou',
      'x-tc-timestamp': String(now.getTime() / 1000),
    });
    expect(JSON.parse(request.body)).toEqual({
      PhoneNumberSet: ['+8613800138000'],
      SmsSdkAppId: '1400006666',
      SignName: '商场会员',
      TemplateId: '1110',
      TemplateParamSet: ['492039', '5'],
    });
    // The signature covers exactly the body that was sent, for the host it was sent to.
    expect(request.headers.authorization).toBe(
      tc3Authorization({
        secretId: account.secretId,
        secretKey: account.secretKey,
        host: '127.0.0.1',
        contentType: 'application/json',
        body: request.body,
        timestamp: now.getTime() / 1000,
        service: 'sms',
      }),
    );
  });

  it('takes the region it is given', async () => {
    reply = { status: 200, body: sendStatus('Ok') };
    await adapter({ region: 'ap-beijing' })(message);
    expect(received[0]!.headers['x-tc-region']).toBe('ap-beijing');
  });

  it.each([
    ['LimitExceeded.PhoneNumberThirtySecondLimit', 429, 'TOO_MANY_SMS_CODES', '30'],
    ['LimitExceeded.DeliveryFrequencyLimit', 429, 'TOO_MANY_SMS_CODES', '60'],
    ['LimitExceeded.PhoneNumberOneHourLimit', 429, 'TOO_MANY_SMS_CODES', '3600'],
    // 10:00 in Beijing: 14 hours to its midnight.
    ['LimitExceeded.PhoneNumberDailyLimit', 429, 'TOO_MANY_SMS_CODES', String(14 * 3600)],
    ['LimitExceeded.PhoneNumberSameContentDailyLimit', 429, 'TOO_MANY_SMS_CODES', String(14 * 3600)],
    ['InvalidParameterValue.IncorrectPhoneNumber', 422, 'PHONE_NUMBER_REJECTED', undefined],
    ['FailedOperation.PhoneNumberInBlacklist', 422, 'PHONE_NUMBER_REJECTED', undefined],
    ['UnsupportedOperation.UnsupportedRegion', 422, 'PHONE_NUMBER_REJECTED', undefined],
    ['InternalError.Timeout', 503, 'UPSTREAM_UNAVAILABLE', undefined],
    ['LimitExceeded.AppDailyLimit', 503, 'UPSTREAM_UNAVAILABLE', undefined],
    ['FailedOperation.SignatureIncorrectOrUnapproved', 502, 'SMS_PROVIDER_ERROR', undefined],
    ['FailedOperation.TemplateIncorrectOrUnapproved', 502, 'SMS_PROVIDER_ERROR', undefined],
    ['FailedOperation.InsufficientBalanceInSmsPackage', 502, 'SMS_PROVIDER_ERROR', undefined],
  ])('maps a send status of %s to %i %s, not sent', async (code, status, problemCode, retryAfter) => {
    reply = { status: 200, body: sendStatus(code) };
    const problem = await failure(adapter()(message));
    expect(problem).toBeInstanceOf(SmsNotSent);
    expect({
      status: problem.status,
      code: problem.code,
      retryAfter: problem.extra.headers?.['retry-after'],
    }).toEqual({ status, code: problemCode, retryAfter });
  });

  it.each([
    ['AuthFailure.SecretIdNotFound', 502, 'SMS_PROVIDER_ERROR'],
    ['AuthFailure.SignatureFailure', 502, 'SMS_PROVIDER_ERROR'],
    ['RequestLimitExceeded', 503, 'UPSTREAM_UNAVAILABLE'],
    ['InternalError', 503, 'UPSTREAM_UNAVAILABLE'],
    ['InvalidParameterValue.IncorrectPhoneNumber', 422, 'PHONE_NUMBER_REJECTED'],
  ])('maps an API error %s to %i %s, not sent', async (code, status, problemCode) => {
    reply = { status: 200, body: apiError(code) };
    const problem = await failure(adapter()(message));
    expect(problem).toBeInstanceOf(SmsNotSent);
    expect([problem.status, problem.code]).toEqual([status, problemCode]);
  });

  it('counts daily limits until midnight in Beijing, whatever the UTC day', () => {
    // 23:30 in Beijing is 15:30 UTC: half an hour left.
    const late = tencentCloudSmsProblem(
      'LimitExceeded.PhoneNumberDailyLimit',
      new Date('2026-12-01T15:30:00Z'),
    );
    expect(late.extra.headers?.['retry-after']).toBe('1800');
    // 00:10 in Beijing is still the previous day in UTC.
    const early = tencentCloudSmsProblem(
      'LimitExceeded.PhoneNumberDailyLimit',
      new Date('2026-12-01T16:10:00Z'),
    );
    expect(early.extra.headers?.['retry-after']).toBe(String(24 * 3600 - 600));
  });

  it('answers 503 that may have been sent when the API does not answer in time', async () => {
    reply = 'silence';
    const problem = await failure(adapter({ timeoutMs: 200 })(message));
    expect([problem.status, problem.code]).toEqual([503, 'UPSTREAM_UNAVAILABLE']);
    // The request went out: the text may have too, so it is not given back to the limits.
    expect(problem).not.toBeInstanceOf(SmsNotSent);
    expect(received).toHaveLength(1);
  });

  it('answers 503, not sent, when the API cannot be reached', async () => {
    const problem = await failure(adapter({ endpoint: 'http://127.0.0.1:9/' })(message));
    expect(problem).toBeInstanceOf(SmsNotSent);
    expect([problem.status, problem.code]).toEqual([503, 'UPSTREAM_UNAVAILABLE']);
  });

  it('answers 503, not sent, on an HTTP error or an answer of another shape', async () => {
    reply = { status: 502, body: { message: 'bad gateway' } };
    const httpError = await failure(adapter()(message));
    expect(httpError).toBeInstanceOf(SmsNotSent);
    expect(httpError.status).toBe(503);
    reply = { status: 200, body: { unexpected: true } };
    const shapeless = await failure(adapter()(message));
    expect(shapeless).toBeInstanceOf(SmsNotSent);
    expect(shapeless.status).toBe(503);
  });

  it('sends nothing, 503 not sent, while the secret is unset', async () => {
    const problem = await failure(
      adapter({
        account: () => Promise.reject(new Error('Secret does not have the expected shape')),
      })(message),
    );
    expect(problem).toBeInstanceOf(SmsNotSent);
    expect([problem.status, problem.code]).toEqual([503, 'UPSTREAM_UNAVAILABLE']);
    expect(received).toHaveLength(0);
  });

  it('logs neither the number, the code nor the keys', async () => {
    // What the adapter hands the logger, before any masking.
    const spies = (['debug', 'info', 'warn', 'error'] as const).map((level) =>
      vi.spyOn(logger, level).mockImplementation(() => undefined),
    );
    try {
      reply = { status: 200, body: sendStatus('Ok') };
      await adapter()(message);
      reply = { status: 200, body: sendStatus('FailedOperation.TemplateIncorrectOrUnapproved') };
      await failure(adapter()(message));
      reply = 'silence';
      await failure(adapter({ timeoutMs: 100 })(message));
      const logged = JSON.stringify(spies.flatMap((spy) => spy.mock.calls));
      expect(logged).toContain('sms send');
      expect(logged).toContain('FailedOperation.TemplateIncorrectOrUnapproved');
      for (const secret of ['13800138000', '492039', account.secretKey, account.secretId])
        expect(logged).not.toContain(secret);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});

describe('a stage without SMS sign-in', () => {
  it('refuses both routes with 503 SMS_SIGN_IN_DISABLED', () => {
    // A worker forked after `npm test` started the shared local cloud inherits its simulator's address.
    vi.stubEnv('SMS_SIMULATOR_URL', undefined);
    vi.stubEnv('SMS_PROVIDER', undefined);
    for (const refuse of [() => smsGateway(), () => requireSmsSignIn()]) {
      const thrown = (() => {
        try {
          refuse();
        } catch (error) {
          return error;
        }
      })();
      expect(thrown).toBeInstanceOf(Problem);
      expect([(thrown as Problem).status, (thrown as Problem).code]).toEqual([503, 'SMS_SIGN_IN_DISABLED']);
    }
  });
});
