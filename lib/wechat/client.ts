import * as z from '../zod';
import { lazyEnv } from '../config';
import { documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { Problem, problems } from '../http/problem';
import { logger } from '../observability';
import { readConfiguredSecret } from '../secrets';
import { lazySchema } from '../lazy-schema';
import type { PushSettings } from './push';

const env = lazyEnv({
  WECHAT_APPID: lazySchema(() => z.string().check(z.minLength(1))),
});
/** Apart from the mini program's appid: the Official Account's web sign-in calls WeChat without it. */
const apiEnv = lazyEnv({
  WECHAT_API_BASE: lazySchema(() => z._default(z.url(), 'https://api.weixin.qq.com')),
});
const appSecretSchema = lazySchema(() =>
  z.object({
    appSecret: z.string().check(z.minLength(1)),
    pushToken: z.optional(z.string().check(z.minLength(3))),
    encodingAesKey: z.optional(
      z.string().check(z.regex(/^[A-Za-z0-9+/]{43}$/, 'must be the 43 characters of the EncodingAESKey')),
    ),
  }),
);
const appSecret = async () => (await readConfiguredSecret('wechatApp', appSecretSchema)).appSecret;

/** The token WeChat signs its message pushes with (set in the mini program's message push settings). */
export async function pushToken(): Promise<string> {
  const { pushToken: token } = await readConfiguredSecret('wechatApp', appSecretSchema);
  if (!token) throw new Error('The wechatApp secret has no pushToken');
  return token;
}

/** The token and EncodingAESKey of the message push settings (safe mode), and our appid. */
export async function pushSettings(): Promise<PushSettings> {
  const secret = await readConfiguredSecret('wechatApp', appSecretSchema);
  if (!secret.pushToken || !secret.encodingAesKey)
    throw new Error('The wechatApp secret needs pushToken and encodingAesKey for message pushes');
  return { token: secret.pushToken, encodingAesKey: secret.encodingAesKey, appid: env().WECHAT_APPID };
}

const REQUEST_TIMEOUT_MS = 3000;

const errorSchema = lazySchema(() => z.object({ errcode: z.int(), errmsg: z._default(z.string(), '') }));
const sessionSchema = lazySchema(() =>
  z.object({
    openid: z.string().check(z.minLength(1)),
    session_key: z.string().check(z.minLength(1)),
    unionid: z.optional(z.string().check(z.minLength(1))),
  }),
);
const accessTokenSchema = lazySchema(() =>
  z.object({
    access_token: z.string().check(z.minLength(1)),
    expires_in: z.int().check(z.positive()),
  }),
);
const sendResultSchema = lazySchema(() =>
  z.object({ errcode: z._default(z.int(), 0), errmsg: z._default(z.string(), '') }),
);

/** An answer from WeChat that is neither success nor a documented error. */
export class WeChatProtocolError extends Error {
  constructor(endpoint: string) {
    super(`WeChat ${endpoint} answered in an unexpected shape`);
    this.name = 'WeChatProtocolError';
  }
}

/**
 * One call to WeChat's API, logged (the endpoint, its HTTP status and time; never the query, which holds
 * the access token or the secret) on a line that carries the correlation id of the work it serves, as
 * every line does. WeChat takes no correlation header, so none is sent to it.
 */
async function callWeChat(
  path: string,
  init: { method: 'GET' | 'POST'; query?: Record<string, string>; body?: unknown },
) {
  const url = new URL(path, apiEnv().WECHAT_API_BASE.replace(/\/?$/, '/'));
  for (const [name, value] of Object.entries(init.query ?? {})) url.searchParams.set(name, value);
  const started = Date.now();
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: init.body ? { 'content-type': 'application/json' } : undefined,
      body: init.body ? JSON.stringify(init.body) : undefined,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch {
    logger.warn('wechat call unanswered', { endpoint: path, durationMs: Date.now() - started });
    throw problems.upstreamUnavailable('WeChat did not answer in time.');
  }
  logger.info('wechat call', { endpoint: path, status: response.status, durationMs: Date.now() - started });
  if (!response.ok) throw problems.upstreamUnavailable(`WeChat answered HTTP ${response.status}.`);
  return (await response.json().catch(() => undefined)) as unknown;
}

/** What code2Session tells us about a user. The session key stays in this process and is never returned. */
export interface WeChatIdentity {
  openid: string;
  unionid?: string;
}

/** Maps code2Session's documented errcodes to what our API answers. */
export function code2SessionProblem(errcode: number): Problem {
  switch (errcode) {
    case 40029:
    case 40163:
      return problems.unauthorized(
        'WECHAT_CODE_INVALID',
        'The WeChat login code is invalid or was already used.',
      );
    case 45011:
      return new Problem(
        429,
        'WECHAT_RATE_LIMITED',
        'Too many requests',
        'Too many WeChat logins; try again in a minute.',
        {
          headers: { 'retry-after': '60' },
        },
      );
    case 40226:
      return new Problem(
        403,
        'WECHAT_USER_BLOCKED',
        'Forbidden',
        'WeChat blocked this account as high-risk.',
      );
    case -1:
      return problems.upstreamUnavailable('WeChat is busy; try again.');
    default:
      return new Problem(502, 'WECHAT_ERROR', 'Bad gateway', `WeChat answered errcode ${errcode}.`);
  }
}

export async function code2Session(code: string): Promise<WeChatIdentity> {
  const answer = await callWeChat('sns/jscode2session', {
    method: 'GET',
    query: {
      appid: env().WECHAT_APPID,
      secret: await appSecret(),
      js_code: code,
      grant_type: 'authorization_code',
    },
  });
  const session = sessionSchema.safeParse(answer);
  if (session.success) return { openid: session.data.openid, unionid: session.data.unionid };
  const error = errorSchema.safeParse(answer);
  if (error.success && error.data.errcode !== 0) throw code2SessionProblem(error.data.errcode);
  throw new WeChatProtocolError('code2Session');
}

const officialAccountSchema = lazySchema(() =>
  z.object({
    appid: z.string().check(z.minLength(1)),
    appSecret: z.string().check(z.minLength(1)),
  }),
);
const webAccessTokenSchema = lazySchema(() =>
  z.object({
    access_token: z.string().check(z.minLength(1)),
    openid: z.string().check(z.minLength(1)),
    unionid: z.optional(z.string().check(z.minLength(1))),
  }),
);

/**
 * Exchanges the code of the Official Account's web authorisation (the page WeChat redirected to with
 * `?code=`) for who signed in: their openid in the Official Account, and the unionid shared with the
 * mini program when both apps are bound to one Open Platform account (and, for snsapi_base, the person
 * consented to snsapi_userinfo before). The web access token is not kept: we call nothing with it.
 */
export async function webAuthorizationIdentity(code: string): Promise<WeChatIdentity> {
  const { appid, appSecret: secret } = await readConfiguredSecret(
    'wechatOfficialAccount',
    officialAccountSchema,
  );
  const answer = await callWeChat('sns/oauth2/access_token', {
    method: 'GET',
    query: { appid, secret, code, grant_type: 'authorization_code' },
  });
  const token = webAccessTokenSchema.safeParse(answer);
  if (token.success) return { openid: token.data.openid, unionid: token.data.unionid };
  const error = errorSchema.safeParse(answer);
  // Its errcodes for a bad or used code, a rate limit or a busy system are code2Session's.
  if (error.success && error.data.errcode !== 0) throw code2SessionProblem(error.data.errcode);
  throw new WeChatProtocolError('sns/oauth2/access_token');
}

const ACCESS_TOKEN_KEY = { pk: 'WECHAT#ACCESS_TOKEN', sk: 'WECHAT' };
/** A cached token is used only while it has at least this long to live. */
const ACCESS_TOKEN_MARGIN_MS = 5 * 60 * 1000;

/** The token this instance last read or fetched, so that sends do not read the table each time. */
let heldToken: { token: string; validUntil: number } | undefined;

/**
 * The app's access token, shared by all function instances through the main table so that WeChat's
 * daily token quota is not spent per instance. `minValidityMs` lets the scheduled refresher renew early.
 * `rejected` names a token WeChat just refused: another instance may have renewed it already (the table
 * then holds a new one), and only when it has not is a new one forced.
 */
export async function getAccessToken(
  options: { minValidityMs?: number; forceRefresh?: boolean; rejected?: string } = {},
): Promise<string> {
  const minValidity = options.minValidityMs ?? ACCESS_TOKEN_MARGIN_MS;
  const usable = (held: { token: string; validUntil: number }) =>
    held.token !== options.rejected && held.validUntil - Date.now() > minValidity;
  if (!options.forceRefresh) {
    // stable_token hands out the same token until it expires, so an instance keeps the one it read.
    if (heldToken && usable(heldToken)) return heldToken.token;
    const { Item } = await documents.get({ TableName: tableNameFromEnv('main'), Key: ACCESS_TOKEN_KEY });
    const cached = z.object({ token: z.string(), validUntil: z.number() }).safeParse(Item);
    if (cached.success && usable(cached.data)) {
      heldToken = cached.data;
      return cached.data.token;
    }
  }
  const answer = await callWeChat('cgi-bin/stable_token', {
    method: 'POST',
    body: {
      grant_type: 'client_credential',
      appid: env().WECHAT_APPID,
      secret: await appSecret(),
      force_refresh: options.forceRefresh === true || options.rejected !== undefined,
    },
  });
  const token = accessTokenSchema.safeParse(answer);
  if (!token.success) {
    const error = errorSchema.safeParse(answer);
    throw error.success
      ? new Error(`WeChat stable_token errcode ${error.data.errcode}`)
      : new WeChatProtocolError('stable_token');
  }
  const validUntil = Date.now() + token.data.expires_in * 1000;
  heldToken = { token: token.data.access_token, validUntil };
  await documents.put({
    TableName: tableNameFromEnv('main'),
    Item: {
      ...ACCESS_TOKEN_KEY,
      token: token.data.access_token,
      validUntil,
      expiresAt: Math.ceil(validUntil / 1000),
    },
  });
  return token.data.access_token;
}

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
}

export type SubscribeMessageOutcome = 'sent' | 'not-subscribed' | 'rejected';

const TOKEN_INVALID_ERRCODES = new Set([40001, 42001]);
const NOT_SUBSCRIBED = 43101;

/**
 * Sends a mini program subscribe message. A user who has not granted a send (43101) or a message WeChat
 * rejects as invalid is an outcome to record, not an error to retry; busy or network failures throw.
 */
export async function sendSubscribeMessage(message: SubscribeMessage): Promise<SubscribeMessageOutcome> {
  let rejected: string | undefined;
  // The held token, then the table's if another instance renewed it, then a new one.
  for (let attempt = 0; attempt < 3; attempt++) {
    const token = await getAccessToken({ rejected });
    const answer = await callWeChat('cgi-bin/message/subscribe/send', {
      method: 'POST',
      query: { access_token: token },
      body: {
        touser: message.touser,
        template_id: message.templateId,
        page: message.page,
        miniprogram_state: process.env.WECHAT_MINIPROGRAM_STATE ?? 'formal',
        lang: 'zh_CN',
        data: message.data,
      },
    });
    const result = sendResultSchema.safeParse(answer);
    if (!result.success) throw new WeChatProtocolError('subscribe/send');
    const { errcode } = result.data;
    if (errcode === 0) return 'sent';
    if (errcode === NOT_SUBSCRIBED) return 'not-subscribed';
    if (TOKEN_INVALID_ERRCODES.has(errcode)) {
      rejected = token;
      continue;
    }
    if (errcode === -1) throw new Error('WeChat is busy');
    return 'rejected';
  }
  throw new Error('WeChat refused a freshly issued access token');
}

const phoneSchema = lazySchema(() =>
  z.object({
    errcode: z.literal(0),
    phone_info: z.object({
      phoneNumber: z.string(),
      purePhoneNumber: z.string().check(z.regex(/^\d{5,15}$/)),
      countryCode: z.string().check(z.regex(/^\d{1,4}$/)),
      watermark: z.object({ timestamp: z.number(), appid: z.string() }),
    }),
  }),
);

/**
 * The phone number a member agreed to share through the mini program's getPhoneNumber button. The
 * watermark must name our app: a number issued to another app is refused.
 */
export async function getPhoneNumber(code: string): Promise<{ phone: string; countryCode: string }> {
  let rejected: string | undefined;
  // The held token, then the table's if another instance renewed it, then a new one.
  for (let attempt = 0; attempt < 3; attempt++) {
    const token = await getAccessToken({ rejected });
    const answer = await callWeChat('wxa/business/getuserphonenumber', {
      method: 'POST',
      query: { access_token: token },
      body: { code },
    });
    const phone = phoneSchema.safeParse(answer);
    if (phone.success) {
      if (phone.data.phone_info.watermark.appid !== env().WECHAT_APPID)
        throw new WeChatProtocolError('getuserphonenumber (foreign watermark)');
      return { phone: phone.data.phone_info.purePhoneNumber, countryCode: phone.data.phone_info.countryCode };
    }
    const error = errorSchema.safeParse(answer);
    if (!error.success) throw new WeChatProtocolError('getuserphonenumber');
    if (TOKEN_INVALID_ERRCODES.has(error.data.errcode)) {
      rejected = token;
      continue;
    }
    if (error.data.errcode === 40029)
      throw new Problem(
        400,
        'PHONE_CODE_INVALID',
        'Bad request',
        'The phone number code is invalid or expired.',
      );
    throw error.data.errcode === -1
      ? problems.upstreamUnavailable('WeChat is busy; try again.')
      : new Problem(502, 'WECHAT_ERROR', 'Bad gateway', `WeChat answered errcode ${error.data.errcode}.`);
  }
  throw new Error('WeChat refused a freshly issued access token');
}
