import { createCipheriv, createHash, randomBytes, randomInt } from 'node:crypto';
import * as z from '../zod';
import { lazySchema } from '../lazy-schema';

export interface SentWeChatMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  errcode: number;
  sentAt: string;
}

/** The message push settings of the app in WeChat's console: safe mode, JSON. */
export interface WeChatPushSettings {
  token: string;
  /** 43 base64 characters standing for the 32-byte AES key. */
  encodingAesKey: string;
}

/** A push as WeChat sends it in safe mode: the query string and the JSON body. */
export interface SealedPush {
  query: {
    signature: string;
    timestamp: string;
    nonce: string;
    openid: string;
    encrypt_type: 'aes';
    msg_signature: string;
  };
  body: { ToUserName: string; Encrypt: string };
}

/** A push the simulator sent, and what the server answered (once it has). */
export interface PushDelivery {
  id: string;
  url: string;
  request: SealedPush;
  answer?: { status: number; body: string } | { error: string };
}

const sha1OfSorted = (parts: string[]) => createHash('sha1').update(parts.sort().join('')).digest('hex');
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const pushRequestSchema = lazySchema(() =>
  z.object({
    url: z.url(),
    message: z.record(z.string(), z.unknown()),
    timestamp: z.optional(z.int()),
    nonce: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  }),
);

/** The Official Account whose web authorisation (OAuth 2.0) the simulator plays. */
export interface OfficialAccountSettings {
  appid: string;
  appSecret: string;
}

/** A web authorisation code: good once, for 5 minutes, as WeChat's. */
interface WebAuthCode {
  person: string;
  scope: 'snsapi_base' | 'snsapi_userinfo';
  issuedAt: number;
  used: boolean;
}

const WEB_CODE_TTL_MS = 5 * 60 * 1000;
/** Who signs in on the simulated consent page: this query parameter, else this header, else `member`. */
export const SIMULATED_PERSON_PARAM = 'person';
export const SIMULATED_PERSON_HEADER = 'x-simulated-person';

/**
 * One person's unionid, the same whichever app of the Open Platform account asks: the open platform's
 * id for the person, where openids are per app.
 */
export const simulatedUnionid = (person: string) =>
  `unionid-${createHash('sha256').update(person).digest('hex').slice(0, 24)}`;
/** The person's openid in the Official Account: not the mini program's `openid-<person>`. */
export const simulatedOfficialAccountOpenid = (person: string) =>
  `oa-openid-${createHash('sha256').update(`oa:${person}`).digest('hex').slice(0, 24)}`;

/**
 * A stand-in for api.weixin.qq.com that answers like the real service (shapes and errcodes from
 * shared/reference/wechat.md), so the real client code runs against it.
 *
 * Login codes: `C` is the person C, who gets openid `openid-C` and the unionid `simulatedUnionid('C')`;
 * `invalid-code` gives 40029; `used-code` 40163; `blocked-C` 40226; `busy` -1.
 *
 * Official Account web authorisation: `GET /connect/oauth2/authorize?appid&redirect_uri&response_type=code
 * &scope&state` skips the consent page and redirects (302) to `redirect_uri?code&state` at once, for the
 * person named by `?person=` or the `x-simulated-person` header; `GET /sns/oauth2/access_token` exchanges
 * the code (once, within 5 minutes) for that person's Official Account openid and unionid. As WeChat does,
 * `snsapi_base` answers the unionid only to a person who consented with `snsapi_userinfo` before.
 * Subscribe messages to an openid containing `unsubscribed` answer 43101.
 *
 * It also plays WeChat's message push: `POST /_simulator/push` with `{ url, message, timestamp?, nonce? }`
 * seals the message in safe mode and posts it to `url` (a loopback address) as WeChat does; the answer
 * holds the request sent, and `GET /_simulator/pushes/{id}` what the server answered.
 */
export class WeChatSimulator {
  readonly messages: SentWeChatMessage[] = [];
  readonly pushes = new Map<string, PushDelivery>();
  private readonly accessTokens = new Set<string>();
  private readonly webCodes = new Map<string, WebAuthCode>();
  /** People who consented to snsapi_userinfo: snsapi_base then answers their unionid too. */
  private readonly consentedToUserinfo = new Set<string>();

  constructor(
    readonly appid: string,
    private readonly appSecret: string,
    private readonly pushSettings: WeChatPushSettings,
    readonly officialAccount: OfficialAccountSettings = {
      appid: 'wx-local-official-account',
      appSecret: 'local-official-account-secret',
    },
    private readonly now: () => number = Date.now,
  ) {}

  handle(
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
    headers: Record<string, string | string[] | undefined> = {},
  ): { status: number; body: unknown; headers?: Record<string, string> } {
    const ok = (payload: unknown) => ({ status: 200, body: payload });
    if (method === 'GET' && path === '/sns/jscode2session') return ok(this.code2Session(query));
    if (method === 'GET' && path === '/connect/oauth2/authorize') return this.authorize(query, headers);
    if (method === 'GET' && path === '/sns/oauth2/access_token') return ok(this.webAccessToken(query));
    if (method === 'POST' && path === '/cgi-bin/stable_token') return ok(this.stableToken(body));
    if (method === 'POST' && path === '/cgi-bin/message/subscribe/send')
      return ok(this.sendSubscribe(query, body));
    if (method === 'POST' && path === '/wxa/business/getuserphonenumber')
      return ok(this.phoneNumber(query, body));
    if (method === 'POST' && path === '/_simulator/push') return this.startPush(body);
    const delivery = /^\/_simulator\/pushes\/([\w-]+)$/.exec(path);
    if (method === 'GET' && delivery) {
      const found = this.pushes.get(delivery[1]!);
      return found ? ok(found) : { status: 404, body: { errmsg: `no push ${delivery[1]}` } };
    }
    return { status: 404, body: { errcode: 404, errmsg: `unknown api ${method} ${path}` } };
  }

  private code2Session(query: URLSearchParams) {
    if (query.get('appid') !== this.appid || query.get('secret') !== this.appSecret) {
      return { errcode: 40125, errmsg: 'invalid appsecret' };
    }
    if (query.get('grant_type') !== 'authorization_code')
      return { errcode: 40002, errmsg: 'invalid grant_type' };
    const code = query.get('js_code') ?? '';
    if (!code || code === 'invalid-code') return { errcode: 40029, errmsg: 'invalid code' };
    if (code === 'used-code') return { errcode: 40163, errmsg: 'code been used' };
    if (code.startsWith('blocked-')) return { errcode: 40226, errmsg: 'high risk user' };
    if (code === 'busy') return { errcode: -1, errmsg: 'system error' };
    return {
      openid: `openid-${code}`,
      session_key: randomBytes(16).toString('base64'),
      unionid: simulatedUnionid(code),
    };
  }

  /** The consent page, consented at once: a redirect to the page that asked, with a new code. */
  private authorize(query: URLSearchParams, headers: Record<string, string | string[] | undefined>) {
    const refuse = (errmsg: string) => ({ status: 400, body: { errmsg } });
    if (query.get('appid') !== this.officialAccount.appid) return refuse('appid is not the Official Account');
    if (query.get('response_type') !== 'code') return refuse('response_type must be code');
    const scope = query.get('scope');
    if (scope !== 'snsapi_base' && scope !== 'snsapi_userinfo')
      return refuse('scope must be snsapi_base or snsapi_userinfo');
    let target: URL;
    try {
      target = new URL(query.get('redirect_uri') ?? '');
    } catch {
      return refuse('redirect_uri must be an absolute URL');
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:')
      return refuse('redirect_uri must be http or https');
    const header = headers[SIMULATED_PERSON_HEADER];
    const person =
      query.get(SIMULATED_PERSON_PARAM) || (Array.isArray(header) ? header[0] : header) || 'member';
    const code = randomBytes(16).toString('hex');
    this.webCodes.set(code, { person, scope, issuedAt: this.now(), used: false });
    if (scope === 'snsapi_userinfo') this.consentedToUserinfo.add(person);
    target.searchParams.set('code', code);
    target.searchParams.set('state', query.get('state') ?? '');
    return { status: 302, body: '', headers: { location: target.toString() } };
  }

  /** sns/oauth2/access_token: the web authorisation code for the person's openid (and unionid). */
  private webAccessToken(query: URLSearchParams) {
    if (
      query.get('appid') !== this.officialAccount.appid ||
      query.get('secret') !== this.officialAccount.appSecret
    )
      return { errcode: 40125, errmsg: 'invalid appsecret' };
    if (query.get('grant_type') !== 'authorization_code')
      return { errcode: 40002, errmsg: 'invalid grant_type' };
    const code = this.webCodes.get(query.get('code') ?? '');
    if (!code || this.now() - code.issuedAt > WEB_CODE_TTL_MS)
      return { errcode: 40029, errmsg: 'invalid code' };
    if (code.used) return { errcode: 40163, errmsg: 'code been used' };
    code.used = true;
    const withUnionid = code.scope === 'snsapi_userinfo' || this.consentedToUserinfo.has(code.person);
    return {
      access_token: `sim-web-${randomBytes(12).toString('hex')}`,
      expires_in: 7200,
      refresh_token: `sim-refresh-${randomBytes(12).toString('hex')}`,
      openid: simulatedOfficialAccountOpenid(code.person),
      scope: code.scope,
      ...(withUnionid ? { unionid: simulatedUnionid(code.person) } : {}),
    };
  }

  private stableToken(body: unknown) {
    const request = (body ?? {}) as Record<string, unknown>;
    if (request.grant_type !== 'client_credential') return { errcode: 40002, errmsg: 'invalid grant_type' };
    if (request.appid !== this.appid || request.secret !== this.appSecret)
      return { errcode: 40125, errmsg: 'invalid appsecret' };
    const token = `sim-${randomBytes(12).toString('hex')}`;
    this.accessTokens.add(token);
    return { access_token: token, expires_in: 7200 };
  }

  private sendSubscribe(query: URLSearchParams, body: unknown) {
    if (!this.accessTokens.has(query.get('access_token') ?? ''))
      return { errcode: 40001, errmsg: 'invalid credential' };
    const message = (body ?? {}) as Partial<SentWeChatMessage>;
    let errcode = 0;
    let errmsg = 'ok';
    if (typeof message.touser !== 'string' || !message.touser.startsWith('openid-'))
      [errcode, errmsg] = [40003, 'invalid openid'];
    else if (typeof message.template_id !== 'string' || !message.template_id)
      [errcode, errmsg] = [40037, 'invalid template_id'];
    else if (message.touser.includes('unsubscribed'))
      [errcode, errmsg] = [43101, 'user refuse to accept the msg'];
    else {
      const tooLong = Object.entries(message.data ?? {}).find(
        ([key, value]) => key.startsWith('thing') && [...String(value?.value ?? '')].length > 20,
      );
      if (tooLong) [errcode, errmsg] = [47003, `argument invalid! data.${tooLong[0]}.value`];
    }
    this.messages.push({
      touser: String(message.touser),
      template_id: String(message.template_id),
      page: message.page,
      data: message.data ?? {},
      errcode,
      sentAt: new Date().toISOString(),
    });
    return { errcode, errmsg };
  }

  private phoneNumber(query: URLSearchParams, body: unknown) {
    if (!this.accessTokens.has(query.get('access_token') ?? ''))
      return { errcode: 40001, errmsg: 'invalid credential' };
    const code = String((body as { code?: unknown })?.code ?? '');
    const digits = /^phone-(\d{11})$/.exec(code)?.[1];
    if (!digits) return { errcode: 40029, errmsg: 'invalid code' };
    return {
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: digits,
        purePhoneNumber: digits,
        countryCode: '86',
        watermark: { timestamp: Math.floor(Date.now() / 1000), appid: this.appid },
      },
    };
  }

  /**
   * Seals a message as WeChat's safe mode does: AES-256-CBC with the EncodingAESKey (IV: its first 16
   * bytes) over 16 random bytes, the message length (4 bytes, big-endian), the message and the appid,
   * padded PKCS#7 to 32-byte blocks; msg_signature is sha1 of token, timestamp, nonce and ciphertext, sorted.
   */
  sealPush(
    message: Record<string, unknown>,
    options: { timestamp?: number; nonce?: string } = {},
  ): SealedPush {
    const key = Buffer.from(`${this.pushSettings.encodingAesKey}=`, 'base64');
    const json = Buffer.from(JSON.stringify(message), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(json.length);
    const plain = Buffer.concat([randomBytes(16), length, json, Buffer.from(this.appid, 'utf8')]);
    const pad = 32 - (plain.length % 32);
    const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
    const encrypt = Buffer.concat([
      cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])),
      cipher.final(),
    ]).toString('base64');
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const nonce = options.nonce ?? String(randomInt(1_000_000_000, 9_999_999_999));
    const { token } = this.pushSettings;
    return {
      query: {
        signature: sha1OfSorted([token, timestamp, nonce]),
        timestamp,
        nonce,
        openid: String(message.FromUserName ?? ''),
        encrypt_type: 'aes',
        msg_signature: sha1OfSorted([token, timestamp, nonce, encrypt]),
      },
      body: { ToUserName: String(message.ToUserName ?? `gh_${this.appid}`), Encrypt: encrypt },
    };
  }

  /** Posts a sealed push to the server's push URL, as WeChat does, and records what it answered. */
  async sendPush(delivery: PushDelivery): Promise<PushDelivery> {
    const url = new URL(delivery.url);
    for (const [name, value] of Object.entries(delivery.request.query)) url.searchParams.set(name, value);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(delivery.request.body),
        // WeChat waits 5 s for an answer.
        signal: AbortSignal.timeout(5000),
      });
      delivery.answer = { status: response.status, body: await response.text() };
    } catch (error) {
      delivery.answer = { error: (error as Error).message };
    }
    return delivery;
  }

  private startPush(body: unknown) {
    const request = pushRequestSchema.safeParse(body);
    if (!request.success)
      return { status: 400, body: { errmsg: 'send { url, message, timestamp?, nonce? }' } };
    const { url, message, timestamp, nonce } = request.data;
    // Only the local cloud's own endpoints: the simulator is no way to reach other hosts.
    if (!LOOPBACK_HOSTS.has(new URL(url).hostname))
      return { status: 400, body: { errmsg: 'url must be a loopback URL' } };
    const delivery: PushDelivery = {
      id: randomBytes(8).toString('hex'),
      url,
      request: this.sealPush(message, { timestamp, nonce }),
    };
    this.pushes.set(delivery.id, delivery);
    void this.sendPush(delivery);
    return { status: 202, body: { id: delivery.id, request: delivery.request } };
  }
}
