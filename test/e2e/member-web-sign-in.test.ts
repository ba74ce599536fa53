// Member sign-in outside the mini program, over HTTP against the local cloud: a code texted to a phone
// (read back from the SMS simulator), and the Official Account's web authorisation, which makes the
// person the member they are in the mini program.
import { describe, expect, it, vi } from 'vitest';
import { WECHAT_OFFICIAL_ACCOUNT_APPID } from '../../lib/local/cloud';
import { call, cloudUrl, login, uniqueCode, type LoginResult } from '../support/http';

/** A mainland mobile number no other run uses. */
const freshPhone = () => `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

async function textedCode(phone: string): Promise<string> {
  const texts = await call<{ items: { phone: string; template: string; params: { code: string } }[] }>(
    'GET',
    '/_local/sms/messages',
  );
  const mine = texts.body.items.filter((text) => text.phone === `+86${phone}`);
  expect(mine.at(-1)?.template).toBe('sign-in-code');
  return mine.at(-1)!.params.code;
}

/** What the PWA does inside WeChat: off to the authorisation page, back with a code, and the code to us. */
async function authorise(person: string, scope: 'snsapi_base' | 'snsapi_userinfo' = 'snsapi_userinfo') {
  const authorize = new URL(`${cloudUrl()}/_wechat/connect/oauth2/authorize`);
  authorize.search = new URLSearchParams({
    appid: WECHAT_OFFICIAL_ACCOUNT_APPID,
    redirect_uri: `${cloudUrl()}/book/`,
    response_type: 'code',
    scope,
    state: 'from-the-pwa',
    person,
  }).toString();
  const redirect = await fetch(authorize, { redirect: 'manual' });
  expect(redirect.status).toBe(302);
  const back = new URL(redirect.headers.get('location')!);
  expect(back.pathname).toBe('/book/');
  expect(back.searchParams.get('state')).toBe('from-the-pwa');
  return back.searchParams.get('code')!;
}

describe('sign-in with a texted code', () => {
  it('texts a code, signs a new member in with it, and the tokens work', async () => {
    const phone = freshPhone();
    const sent = await call('POST', '/v1/auth/sms/send', { body: { phone, countryCode: '+86' } });
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ expiresIn: 300 });

    const verified = await call<LoginResult>('POST', '/v1/auth/sms/verify', {
      body: {
        phone: `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`,
        code: await textedCode(phone),
      },
    });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ isNew: true, customer: { phone } });

    const me = await call('GET', '/v1/customers/me', { token: verified.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: verified.body.customer.id, phone });
    // Registered like every member: welcomed in the inbox (there is no mini program to message).
    await vi.waitFor(
      async () => {
        const inbox = await call<{ items: { kind: string }[] }>('GET', '/v1/notifications/me', {
          token: verified.body.accessToken,
        });
        expect(inbox.body.items).toEqual([expect.objectContaining({ kind: 'welcome' })]);
      },
      { timeout: 5000, interval: 50 },
    );
  });

  it('answers a wrong code with SMS_CODE_INVALID and a second send within the minute with 429', async () => {
    const phone = freshPhone();
    expect((await call('POST', '/v1/auth/sms/send', { body: { phone, countryCode: '86' } })).status).toBe(
      202,
    );
    const code = await textedCode(phone);
    const wrong = await call('POST', '/v1/auth/sms/verify', {
      body: { phone, countryCode: '86', code: code === '000000' ? '111111' : '000000' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: 'SMS_CODE_INVALID' });
    const again = await call('POST', '/v1/auth/sms/send', { body: { phone, countryCode: '86' } });
    expect(again.status).toBe(429);
    expect(again.body).toMatchObject({ code: 'TOO_MANY_SMS_CODES' });
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses a malformed number with 400 and texts nothing', async () => {
    const before = await call<{ items: unknown[] }>('GET', '/_local/sms/messages');
    const bad = await call('POST', '/v1/auth/sms/send', { body: { phone: '12345', countryCode: '86' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const after = await call<{ items: unknown[] }>('GET', '/_local/sms/messages');
    expect(after.body.items).toHaveLength(before.body.items.length);
  });
});

describe("sign-in on the Official Account's web pages", () => {
  it('is the same member as the mini program sign-in of the same person', async () => {
    const person = uniqueCode('oa');
    const mini = await login(person);
    expect(mini.status).toBe(200);

    const web = await call<LoginResult>('POST', '/v1/auth/wechat/web-login', {
      body: { code: await authorise(person) },
    });
    expect(web.status).toBe(200);
    expect(web.body.isNew).toBe(false);
    expect(web.body.customer.id).toBe(mini.body.customer.id);
    const me = await call('GET', '/v1/customers/me', { token: web.body.accessToken });
    expect(me.body).toMatchObject({ id: mini.body.customer.id });
  });

  it('registers a person who comes by the web first, and the mini program then finds them', async () => {
    const person = uniqueCode('oafirst');
    const web = await call<LoginResult>('POST', '/v1/auth/wechat/web-login', {
      body: { code: await authorise(person) },
    });
    expect(web.body.isNew).toBe(true);
    const mini = await login(person);
    expect(mini.body).toMatchObject({ isNew: false, customer: { id: web.body.customer.id } });
  });

  it('takes a web authorisation code once', async () => {
    const code = await authorise(uniqueCode('oaonce'));
    expect((await call('POST', '/v1/auth/wechat/web-login', { body: { code } })).status).toBe(200);
    const reused = await call('POST', '/v1/auth/wechat/web-login', { body: { code } });
    expect(reused.status).toBe(401);
    expect(reused.body).toMatchObject({ code: 'WECHAT_CODE_INVALID' });
  });
});
