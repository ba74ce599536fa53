import { recordCustomerAction } from '../../lib/audit';
import { eraseCustomer } from '../../lib/customers/privacy';
import { customerIdForOpenid } from '../../lib/customers/repository';
import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';
import { logger } from '../../lib/observability';
import { pushToken } from '../../lib/wechat/client';
import { authorizationRevokedSchema, pushSignatureMatches } from '../../lib/wechat/push';
import { receiveWeChatPushRoute } from '../../lib/wechat/routes';

const text = (body: string) => ({ status: 200, body, headers: { 'content-type': 'text/plain' } });

export const handler = httpHandler(receiveWeChatPushRoute, async ({ query, body, correlationId }) => {
  if (!pushSignatureMatches(await pushToken(), query))
    throw problems.unauthorized('WECHAT_SIGNATURE_INVALID', 'The push signature is invalid.');
  const revoked = authorizationRevokedSchema.safeParse(body);
  if (!revoked.success) return text('success');
  // The user withdrew their authorisation in WeChat: stop using their data, as if they asked for erasure.
  const customerId = await customerIdForOpenid(revoked.data.OpenID);
  if (customerId) {
    await eraseCustomer(customerId, correlationId).catch((error: { status?: number }) => {
      if (error.status !== 404) throw error;
    });
    await recordCustomerAction({ customerId, action: 'privacy.erase.wechat-revoke', correlationId });
  }
  logger.info('wechat authorisation revoked', { matched: Boolean(customerId) });
  return text('success');
});
