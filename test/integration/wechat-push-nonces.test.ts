// Push nonces against DynamoDB Local: a push is acted on once within its window, a failed one can come
// again (WeChat retries), and a claim past its window no longer counts though TTL has not deleted it.
import { describe, expect, it, vi } from 'vitest';
import { WeChatSimulator } from '../../lib/local/wechat-simulator';
import { PUSH_TIME_WINDOW_SECONDS, receiveSafeModePush, type PushSettings } from '../../lib/wechat/push';
import { unique } from '../support/members';

const settings: PushSettings = {
  token: 'push-token',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appid: 'wx-it-app',
};
const wechat = new WeChatSimulator(settings.appid, 'app-secret', settings);
const message = { MsgType: 'event', Event: 'user_info_modified', FromUserName: 'openid-it' };
const at = (epochSeconds: number) => new Date(epochSeconds * 1000);
const nowSeconds = () => Math.floor(Date.now() / 1000);

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: { code?: string; message?: string }) => error.code ?? error.message,
  );

describe('receiveSafeModePush', () => {
  it('acts on a push once, and refuses its nonce again within the window', async () => {
    const timestamp = nowSeconds();
    const act = vi.fn(async () => undefined);
    const { query, body } = wechat.sealPush(message, { timestamp, nonce: unique('n') });
    expect(await codeOf(receiveSafeModePush(settings, query, body, at(timestamp), act))).toBe('ok');
    expect(
      await codeOf(receiveSafeModePush(settings, query, body, at(timestamp + PUSH_TIME_WINDOW_SECONDS), act)),
    ).toBe('WECHAT_PUSH_REPLAYED');
    expect(act).toHaveBeenCalledTimes(1);
    expect(act).toHaveBeenCalledWith(message);
  });

  it('takes a push whose action failed when WeChat sends it again', async () => {
    const timestamp = nowSeconds();
    const { query, body } = wechat.sealPush(message, { timestamp, nonce: unique('n') });
    const failing = vi.fn(async () => {
      throw new Error('DynamoDB is throttling');
    });
    expect(await codeOf(receiveSafeModePush(settings, query, body, at(timestamp), failing))).toBe(
      'DynamoDB is throttling',
    );
    const act = vi.fn(async () => undefined);
    expect(await codeOf(receiveSafeModePush(settings, query, body, at(timestamp + 15), act))).toBe('ok');
    expect(act).toHaveBeenCalledTimes(1);
  });

  it('lets a nonce be used again once the window of its first push has passed', async () => {
    const first = nowSeconds() - 2 * PUSH_TIME_WINDOW_SECONDS;
    const nonce = unique('n');
    const act = vi.fn(async () => undefined);
    const early = wechat.sealPush(message, { timestamp: first, nonce });
    expect(await codeOf(receiveSafeModePush(settings, early.query, early.body, at(first), act))).toBe('ok');
    const later = first + PUSH_TIME_WINDOW_SECONDS + 1;
    const next = wechat.sealPush(message, { timestamp: later, nonce });
    expect(await codeOf(receiveSafeModePush(settings, next.query, next.body, at(later), act))).toBe('ok');
    expect(act).toHaveBeenCalledTimes(2);
  });
});
