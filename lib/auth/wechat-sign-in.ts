import { completeRegistration } from '../customers/registration';
import { findOrRegisterCustomer, toCustomer } from '../customers/repository';
import { code2Session } from '../wechat/client';
import { openSession } from './session-tokens';

/**
 * Signs a mini program user in with a wx.login code. The first sign-in registers the member; the
 * registration counts as complete once its CustomerRegistered event is out, so a crash before that is
 * repaired by a later sign-in. Of sign-ins racing for a new member, exactly one answers `isNew`.
 */
export async function signInWithWeChat(code: string, correlationId: string) {
  const identity = await code2Session(code);
  const { record } = await findOrRegisterCustomer(identity);
  const isNew = await completeRegistration(record, correlationId);
  const tokens = await openSession({ kind: 'customer', id: record.customerId });
  return { ...tokens, isNew, customer: toCustomer(record) };
}
