// A failed call in words: the message of its problem code, else of its status, never the raw answer.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { toApiError } from '../api/api-error';
import { problemMessages, problemText } from '.';

const i18n = i18next.createInstance();
await i18n.init({
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  initAsync: false,
  interpolation: { escapeValue: false },
  resources: {
    'zh-CN': { translation: { problems: problemMessages['zh-CN'] } },
    'en-US': { translation: { problems: problemMessages['en-US'] } },
  },
});
const inChinese = i18n.getFixedT('zh-CN');
const inEnglish = i18n.getFixedT('en-US');

describe('problem messages', () => {
  it('translates a known code in each language', () => {
    const error = { status: 401, code: 'INVALID_CREDENTIALS' };
    expect(problemText(error, inChinese, 'zh-CN')).toBe('邮箱或密码不正确。');
    expect(problemText(error, inEnglish, 'en-US')).toBe('The email or password is wrong.');
  });

  it('says how long to wait when the answer tells', () => {
    const error = { status: 429, code: 'TOO_MANY_LOGIN_ATTEMPTS', retryAfterSeconds: 600 };
    expect(problemText(error, inEnglish, 'en-US')).toBe('Too many failed sign-ins. Try again in 10 minutes.');
    expect(problemText({ ...error, retryAfterSeconds: undefined }, inEnglish, 'en-US')).toBe(
      'Too many failed sign-ins. Try again later.',
    );
  });

  it("falls back to the status's message for a code it does not know", () => {
    expect(problemText({ status: 409, code: 'SOMETHING_NEW' }, inEnglish, 'en-US')).toBe(
      'This has changed meanwhile. Reload and try again.',
    );
    expect(
      problemText({ status: 423, code: 'ANOTHER_LOCK', retryAfterSeconds: 30 }, inChinese, 'zh-CN'),
    ).toBe('该账号已被锁定，请在 30秒钟后再试，或联系管理员解锁。');
    expect(problemText({ status: 503, code: 'WHATEVER' }, inEnglish, 'en-US')).toBe(
      'Something went wrong on our side. Try again later.',
    );
    expect(problemText({ status: 418, code: 'TEAPOT' }, inEnglish, 'en-US')).toBe(
      'Something went wrong. Try again later.',
    );
  });

  it('reads what is not an API error as an unexpected answer, never as its text', () => {
    const text = problemText(new Error('{"secret":"internals"}'), inEnglish, 'en-US');
    expect(text).toBe('The server gave an answer we could not read. Try again later.');
  });

  it('has every message in both languages', () => {
    for (const part of ['code', 'status'] as const)
      expect(Object.keys(problemMessages['en-US'][part]).sort()).toEqual(
        Object.keys(problemMessages['zh-CN'][part]).sort(),
      );
  });
});

describe('API errors', () => {
  const answer = (headers: Record<string, string>) =>
    ({ response: new Response(null, { headers }) }) as unknown as Parameters<typeof toApiError>[1];

  it('keeps the code, the failing fields and the correlation id, and nothing else of the body', () => {
    const error = toApiError(
      {
        status: 400,
        data: {
          code: 'VALIDATION_FAILED',
          detail: 'internal words',
          correlationId: 'c-1',
          errors: [{ field: 'body.email', message: 'email is required' }, 'junk'],
        },
      },
      answer({}),
    );
    expect(error).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'body.email', message: 'email is required' }],
      correlationId: 'c-1',
    });
  });

  it('reads Retry-After as seconds or as a date, and a lock end from the problem', () => {
    const now = Date.parse('2026-12-06T08:00:00Z');
    expect(
      toApiError({ status: 429, data: { code: 'THROTTLED' } }, answer({ 'retry-after': '7' }), now),
    ).toMatchObject({ retryAfterSeconds: 7 });
    expect(
      toApiError(
        { status: 429, data: { code: 'THROTTLED' } },
        answer({ 'retry-after': 'Sun, 06 Dec 2026 08:02:00 GMT' }),
        now,
      ),
    ).toMatchObject({ retryAfterSeconds: 120 });
    expect(
      toApiError(
        { status: 423, data: { code: 'LOCKED', lockedUntil: '2026-12-06T08:15:00Z' } },
        answer({}),
        now,
      ),
    ).toMatchObject({ retryAfterSeconds: 900 });
  });

  it('names a failure without an answer and an answer without a problem', () => {
    expect(toApiError({ status: 'FETCH_ERROR', error: 'TypeError: Failed to fetch' })).toEqual({
      status: 0,
      code: 'NETWORK_ERROR',
    });
    expect(toApiError({ status: 502, data: '<html>Bad gateway</html>' })).toEqual({
      status: 502,
      code: 'UNEXPECTED_ANSWER',
    });
  });
});
