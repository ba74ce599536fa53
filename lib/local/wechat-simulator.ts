import { randomBytes } from 'node:crypto';

export interface SentWeChatMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  errcode: number;
  sentAt: string;
}

/**
 * A stand-in for api.weixin.qq.com that answers like the real service (shapes and errcodes from
 * shared/reference/wechat.md), so the real client code runs against it.
 *
 * Login codes: `C` gives openid `openid-C`; `invalid-code` gives 40029; `used-code` 40163;
 * `blocked-C` 40226; `busy` -1; a code starting `union-` also returns a unionid.
 * Subscribe messages to an openid containing `unsubscribed` answer 43101.
 */
export class WeChatSimulator {
  readonly messages: SentWeChatMessage[] = [];
  private readonly accessTokens = new Set<string>();

  constructor(
    readonly appid: string,
    private readonly appSecret: string,
  ) {}

  handle(
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
  ): { status: number; body: unknown } {
    const ok = (payload: unknown) => ({ status: 200, body: payload });
    if (method === 'GET' && path === '/sns/jscode2session') return ok(this.code2Session(query));
    if (method === 'POST' && path === '/cgi-bin/stable_token') return ok(this.stableToken(body));
    if (method === 'POST' && path === '/cgi-bin/message/subscribe/send')
      return ok(this.sendSubscribe(query, body));
    if (method === 'POST' && path === '/wxa/business/getuserphonenumber')
      return ok(this.phoneNumber(query, body));
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
      ...(code.startsWith('union-') ? { unionid: `unionid-${code}` } : {}),
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
}
