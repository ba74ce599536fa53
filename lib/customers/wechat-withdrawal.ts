import { recordCustomerAction } from '../audit';
import { logger } from '../observability';
import { authorizationRevokedSchema } from '../wechat/push';
import { eraseCustomer } from './privacy';
import { customerIdForOpenid } from './repository';

/**
 * Acts on a message WeChat pushed: a user who withdrew their authorisation is erased, as if they had asked
 * for it (PIPL), sessions and all. Other messages are acknowledged and ignored.
 */
export async function actOnWeChatPush(message: unknown, correlationId: string): Promise<void> {
  const revoked = authorizationRevokedSchema.safeParse(message);
  if (!revoked.success) return;
  const customerId = await customerIdForOpenid(revoked.data.OpenID);
  if (customerId && (await eraseCustomer(customerId, correlationId)) === 'erased')
    await recordCustomerAction({ customerId, action: 'privacy.erase.wechat-revoke', correlationId });
  logger.info('wechat authorisation revoked', { matched: Boolean(customerId) });
}
