// An erased member against DynamoDB Local: every session ends with the erasure, and the member routes of
// a session still inside its token's life (the authorizer caches its answer) cannot write anything back.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  isSessionActive,
  revokeAllSessions,
  rotateRefreshToken,
  startSession,
} from '../../lib/auth/sessions';
import { documents } from '../../lib/db/client';
import { tableNameFromEnv } from '../../lib/db/tables';
import { issueMemberCode } from '../../lib/customers/member-code';
import { eraseCustomer } from '../../lib/customers/privacy';
import {
  bindPhone,
  birthdayKey,
  findOrRegisterCustomer,
  getCustomerRecord,
  phoneLookupKey,
  updateProfile,
} from '../../lib/customers/repository';
import { apiEvent, lambdaContext } from '../support/lambda';
import { acceptingEventBridge, unique } from '../support/members';

process.env.WECHAT_API_BASE = 'https://wechat.test/';
process.env.WECHAT_APPID = 'wx-test';
process.env.WECHAT_APP_SECRET_JSON = JSON.stringify({ appSecret: 's' });

const eventBridge = acceptingEventBridge();
beforeEach(() => eventBridge.reset());
afterEach(() => vi.unstubAllGlobals());

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: { code?: string }) => error.code,
  );

/** A member with a complete profile, erased. */
async function erasedMember() {
  const { record } = await findOrRegisterCustomer({ openid: unique('openid-it') });
  await updateProfile(record.customerId, {
    name: 'Zhou Min',
    birthday: '1988-08-08',
    marketingConsent: true,
  });
  await bindPhone(record.customerId, '13600003333', '86');
  expect(await eraseCustomer(record.customerId, 'corr-erase')).toBe('erased');
  return record.customerId;
}

const itemExists = async (key: Record<string, string>) =>
  !!(await documents.get({ TableName: tableNameFromEnv('main'), Key: key, ConsistentRead: true })).Item;

describe('revokeAllSessions', () => {
  it("ends every session of the subject and no one else's", async () => {
    const subject = { kind: 'customer' as const, id: unique('c') };
    const sessions = await Promise.all([startSession(subject), startSession(subject), startSession(subject)]);
    const other = await startSession({ kind: 'customer', id: unique('c') });
    expect(await revokeAllSessions(subject)).toBe(3);
    for (const session of sessions) {
      expect(await isSessionActive(session.sessionId)).toBe(false);
      expect(await codeOf(rotateRefreshToken(session.refreshToken))).toBe('SESSION_REVOKED');
    }
    expect(await isSessionActive(other.sessionId)).toBe(true);
    // Without closing, the subject signs in again.
    expect(await isSessionActive((await startSession(subject)).sessionId)).toBe(true);
  });

  it('refuses any new session of a closed subject', async () => {
    const subject = { kind: 'customer' as const, id: unique('c') };
    await revokeAllSessions(subject, new Date(), { closed: true });
    expect(await codeOf(startSession(subject))).toBe('ACCOUNT_CLOSED');
  });
});

describe('erasure', () => {
  it('ends every session of the member, whichever one asked for it', async () => {
    const { record } = await findOrRegisterCustomer({ openid: unique('openid-it') });
    const subject = { kind: 'customer' as const, id: record.customerId };
    const [asking, other] = await Promise.all([startSession(subject), startSession(subject)]);
    await eraseCustomer(record.customerId, 'corr-erase');
    for (const session of [asking, other]) {
      expect(await isSessionActive(session.sessionId)).toBe(false);
      expect(await codeOf(rotateRefreshToken(session.refreshToken))).toBe('SESSION_REVOKED');
    }
    // A sign-in that raced the erasure with the old openid mapping gets no session.
    expect(await codeOf(startSession(subject))).toBe('ACCOUNT_CLOSED');
  });

  it('refuses every profile write to an erased member with 410 MEMBER_ERASED, restoring nothing', async () => {
    const customerId = await erasedMember();
    expect(await codeOf(updateProfile(customerId, { name: 'Zhou Min' }))).toBe('MEMBER_ERASED');
    expect(await codeOf(updateProfile(customerId, { birthday: '1988-08-08' }))).toBe('MEMBER_ERASED');
    expect(await codeOf(updateProfile(customerId, { marketingConsent: true }))).toBe('MEMBER_ERASED');
    expect(await codeOf(bindPhone(customerId, '13600003333', '86'))).toBe('MEMBER_ERASED');
    expect(await codeOf(issueMemberCode(customerId))).toBe('MEMBER_ERASED');

    const record = await getCustomerRecord(customerId);
    expect(record).toMatchObject({ erasedAt: expect.any(String) });
    for (const field of ['name', 'birthday', 'phone', 'marketingConsent', 'gender'])
      expect(record).not.toHaveProperty(field);
    expect(await itemExists(birthdayKey('1988-08-08', customerId))).toBe(false);
    expect(await itemExists(phoneLookupKey('86', '13600003333', customerId))).toBe(false);
  });

  it('answers a second erasure as already done', async () => {
    const customerId = await erasedMember();
    expect(await eraseCustomer(customerId, 'corr-again')).toBe('already-erased');
  });
});

describe('member routes of an erased member whose token the authorizer still lets through', () => {
  async function callAs(customerId: string, method: string, path: string, body?: unknown) {
    const handlers: Record<string, () => Promise<{ handler: (e: never, c: never) => Promise<unknown> }>> = {
      'PATCH /v1/customers/me': () => import('../../functions/customers/update-my-profile'),
      'GET /v1/customers/me/member-code': () => import('../../functions/customers/issue-member-code'),
      'POST /v1/customers/me/phone': () => import('../../functions/customers/bind-my-phone'),
    };
    const { handler } = await handlers[`${method} ${path}`]!();
    const response = (await handler(
      apiEvent({
        method,
        path,
        authorizer: { kind: 'customer', customerId, sessionId: 's' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }) as never,
      lambdaContext() as never,
    )) as { statusCode: number; headers: Record<string, string>; body: string };
    return {
      status: response.statusCode,
      contentType: response.headers['content-type'],
      body: JSON.parse(response.body) as Record<string, unknown>,
    };
  }

  it.each([
    ['PATCH', '/v1/customers/me', { name: 'Zhou Min', birthday: '1988-08-08' }],
    ['PATCH', '/v1/customers/me', { marketingConsent: true }],
    ['GET', '/v1/customers/me/member-code', undefined],
    ['POST', '/v1/customers/me/phone', { code: 'phone-13600003333' }],
  ])('%s %s answers 410 MEMBER_ERASED, not 500', async (method, path, body) => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: URL) =>
        Response.json(
          url.pathname.endsWith('stable_token')
            ? { access_token: 'token-it', expires_in: 7200 }
            : {
                errcode: 0,
                errmsg: 'ok',
                phone_info: {
                  phoneNumber: '13600003333',
                  purePhoneNumber: '13600003333',
                  countryCode: '86',
                  watermark: { timestamp: 1, appid: 'wx-test' },
                },
              },
        ),
      ),
    );
    const customerId = await erasedMember();
    const response = await callAs(customerId, method, path, body);
    expect(response.status).toBe(410);
    expect(response.contentType).toBe('application/problem+json');
    expect(response.body).toMatchObject({ code: 'MEMBER_ERASED' });
    expect(await getCustomerRecord(customerId)).not.toHaveProperty('name');
    expect(await getCustomerRecord(customerId)).not.toHaveProperty('phone');
  });
});
