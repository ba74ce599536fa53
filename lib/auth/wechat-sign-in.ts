import { completeRegistration } from '../customers/registration';
import { findOrRegisterCustomer, toCustomer } from '../customers/repository';
import { code2Session } from '../wechat/client';
import { rotateRefreshToken, startSession } from './sessions';
import { issueAccessToken } from './tokens';

/**
 * Signs a mini program user in with a wx.login code. The first sign-in registers the member; the
 * registration counts as complete once its CustomerRegistered event is out, so a crash before that is
 * repaired by the next sign-in.
 */
export async function signInWithWeChat(code: string, correlationId: string) {
  const identity = await code2Session(code);
  const { record } = await findOrRegisterCustomer(identity);
  const isNew = await completeRegistration(record, correlationId);
  const session = await startSession(record.customerId);
  const { accessToken, expiresIn } = await issueAccessToken({
    kind: 'customer',
    customerId: record.customerId,
    sessionId: session.sessionId,
  });
  return { accessToken, refreshToken: session.refreshToken, expiresIn, isNew, customer: toCustomer(record) };
}

export async function refreshSession(refreshToken: string) {
  const session = await rotateRefreshToken(refreshToken);
  const { accessToken, expiresIn } = await issueAccessToken({
    kind: 'customer',
    customerId: session.customerId,
    sessionId: session.sessionId,
  });
  return { accessToken, refreshToken: session.refreshToken, expiresIn };
}
