import { completeRegistration } from '../customers/registration';
import {
  findOrRegisterCustomer,
  findOrRegisterWeChatMember,
  toCustomer,
  type CustomerRecord,
} from '../customers/repository';
import { code2Session, webAuthorizationIdentity } from '../wechat/client';
import { openSession } from './session-tokens';

/**
 * A member's sign-in answer, whichever way they came: the registration counts as complete once its
 * CustomerRegistered event is out, so a crash before that is repaired by a later sign-in. Of sign-ins
 * racing for a new member, exactly one answers `isNew`.
 */
export async function memberSignedIn(record: CustomerRecord, correlationId: string) {
  const isNew = await completeRegistration(record, correlationId);
  const tokens = await openSession({ kind: 'customer', id: record.customerId });
  return { ...tokens, isNew, customer: toCustomer(record) };
}

/**
 * Signs a mini program user in with a wx.login code. The first sign-in registers the member; a member
 * of the Official Account's web pages with the same unionid is the same member.
 */
export async function signInWithWeChat(code: string, correlationId: string) {
  const identity = await code2Session(code);
  const { record } = await findOrRegisterCustomer(identity);
  return memberSignedIn(record, correlationId);
}

/**
 * Signs a member in on the Official Account's web pages (the booking PWA inside WeChat) with the code
 * of its web authorisation. The unionid makes them the member they are in the mini program.
 */
export async function signInWithWeChatWeb(code: string, correlationId: string) {
  const identity = await webAuthorizationIdentity(code);
  const { record } = await findOrRegisterWeChatMember({ app: 'official-account', ...identity });
  return memberSignedIn(record, correlationId);
}
