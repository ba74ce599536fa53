// Safe-mode pushes opened as WeChat seals them (the simulator's sealing is written apart from our opening):
// signature over the ciphertext, five-minute window, our appid, strict padding.
import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WeChatSimulator } from '../../lib/local/wechat-simulator';
import {
  decryptPushMessage,
  messageSignature,
  openSafeModePush,
  PUSH_TIME_WINDOW_SECONDS,
  type PushSettings,
} from '../../lib/wechat/push';

// The form of the keys WeChat's console generates: 43 letters and digits.
const settings: PushSettings = {
  token: 'push-token',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appid: 'wx-unit-app',
};
const wechat = new WeChatSimulator(settings.appid, 'app-secret', settings);
const message = {
  MsgType: 'event',
  Event: 'user_authorization_revoke',
  OpenID: 'openid-1',
  FromUserName: 'u',
};
// A whole second, as push timestamps are.
const now = new Date(Math.floor(Date.now() / 1000) * 1000);
const epoch = (date: Date) => Math.floor(date.getTime() / 1000);

const codeOf = (open: () => unknown) => {
  try {
    open();
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

/** Encrypts bytes as safe mode does, with the padding given, and signs the ciphertext. */
function sealBytes(plain: Buffer, pad: number, timestamp = String(epoch(now)), nonce = 'n-1') {
  const key = Buffer.from(`${settings.encodingAesKey}=`, 'base64');
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  const padded = Buffer.concat([plain, Buffer.alloc(pad, pad)]);
  const encrypt = Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
  return {
    query: {
      timestamp,
      nonce,
      encrypt_type: 'aes',
      msg_signature: messageSignature(settings.token, timestamp, nonce, encrypt),
    },
    body: { Encrypt: encrypt },
  };
}

/** 16 random bytes, the length (big-endian), the message and the appid. */
const framed = (text: string, appid = settings.appid, declared = Buffer.byteLength(text)) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(declared);
  return Buffer.concat([randomBytes(16), length, Buffer.from(text), Buffer.from(appid)]);
};
const padTo32 = (plain: Buffer) => 32 - (plain.length % 32);

describe('openSafeModePush', () => {
  it('opens a push sealed as WeChat seals it', () => {
    const { query, body } = wechat.sealPush(message);
    expect(openSafeModePush(settings, query, body, now)).toEqual(message);
  });

  it('reads the framing byte by byte: length big-endian, then the message, then the appid', () => {
    const text = JSON.stringify({ note: '撤回授权', n: 1 });
    const plain = framed(text);
    expect(
      decryptPushMessage(settings.encodingAesKey, sealBytes(plain, padTo32(plain)).body.Encrypt),
    ).toEqual({
      message: text,
      appid: settings.appid,
    });
  });

  it('refuses a push that is not in safe mode', () => {
    const { query, body } = wechat.sealPush(message);
    expect(codeOf(() => openSafeModePush(settings, { ...query, encrypt_type: undefined }, body, now))).toBe(
      'WECHAT_PUSH_NOT_ENCRYPTED',
    );
    expect(codeOf(() => openSafeModePush(settings, { ...query, msg_signature: undefined }, body, now))).toBe(
      'WECHAT_PUSH_NOT_ENCRYPTED',
    );
    expect(codeOf(() => openSafeModePush(settings, query, {}, now))).toBe('WECHAT_PUSH_NOT_ENCRYPTED');
  });

  it('refuses a ciphertext, timestamp or nonce the signature does not cover, and another token', () => {
    const { query, body } = wechat.sealPush(message);
    const other = wechat.sealPush(message);
    expect(codeOf(() => openSafeModePush(settings, query, other.body, now))).toBe('WECHAT_SIGNATURE_INVALID');
    expect(codeOf(() => openSafeModePush(settings, { ...query, nonce: 'n-2' }, body, now))).toBe(
      'WECHAT_SIGNATURE_INVALID',
    );
    expect(
      codeOf(() => openSafeModePush(settings, { ...query, timestamp: String(epoch(now) + 1) }, body, now)),
    ).toBe('WECHAT_SIGNATURE_INVALID');
    expect(codeOf(() => openSafeModePush({ ...settings, token: 'other-token' }, query, body, now))).toBe(
      'WECHAT_SIGNATURE_INVALID',
    );
  });

  it.each([
    [-PUSH_TIME_WINDOW_SECONDS, 'ok'],
    [PUSH_TIME_WINDOW_SECONDS, 'ok'],
    [-PUSH_TIME_WINDOW_SECONDS - 1, 'WECHAT_PUSH_STALE'],
    [PUSH_TIME_WINDOW_SECONDS + 1, 'WECHAT_PUSH_STALE'],
  ])('a push timestamped %i s from our clock: %s', (offset, code) => {
    const { query, body } = wechat.sealPush(message, { timestamp: epoch(now) + offset });
    expect(codeOf(() => openSafeModePush(settings, query, body, now))).toBe(code);
  });

  it('refuses a push sealed for another app with the same key', () => {
    const otherApp = new WeChatSimulator('wx-other-app', 'app-secret', settings);
    const { query, body } = otherApp.sealPush(message);
    expect(codeOf(() => openSafeModePush(settings, query, body, now))).toBe('WECHAT_PUSH_INVALID');
  });

  /** The plaintext of an empty message, then `tail`, made up to 64 bytes and sealed without padding. */
  const sealedWithTail = (tail: number[]) => {
    const plain = framed('{}');
    const filler = Buffer.alloc(64 - plain.length - tail.length);
    return sealBytes(Buffer.concat([plain, filler, Buffer.from(tail)]), 0);
  };

  it.each([
    ['a padding byte of 0', () => sealedWithTail([0])],
    ['a padding byte above 32', () => sealedWithTail([33])],
    ['padding bytes that disagree', () => sealedWithTail([1, 3])],
    [
      'a length beyond the plaintext',
      () => {
        const plain = framed('{}', settings.appid, 4096);
        return sealBytes(plain, padTo32(plain));
      },
    ],
    [
      'a message that is not JSON',
      () => {
        const plain = framed('<xml/>');
        return sealBytes(plain, padTo32(plain));
      },
    ],
  ])('refuses a correctly signed plaintext with %s', (_, seal) => {
    const { query, body } = seal();
    expect(codeOf(() => openSafeModePush(settings, query, body, now))).toBe('WECHAT_PUSH_INVALID');
  });
});
