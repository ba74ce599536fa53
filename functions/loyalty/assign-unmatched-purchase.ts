import { recordStaffAction } from '../../lib/audit';
import { assertStoreAccess } from '../../lib/auth/store-scope';
import { getCustomerRecord } from '../../lib/customers/repository';
import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';
import { assignUnmatchedPurchaseRoute } from '../../lib/loyalty/admin-routes';
import { assignUnmatchedPurchase, purchaseAuditSubject } from '../../lib/loyalty/ledger';

export const handler = httpHandler(
  assignUnmatchedPurchaseRoute,
  async ({ principal, params, body, correlationId, sourceIp }) => {
    assertStoreAccess(principal, assignUnmatchedPurchaseRoute.auth.permission, params.storeId);
    if (!(await getCustomerRecord(body.customerId))) throw problems.notFound(`Customer ${body.customerId}`);
    const outcome = await assignUnmatchedPurchase(
      params.storeId,
      params.transactionId,
      body.customerId,
      correlationId,
    );
    if (outcome === 'not-unmatched' || outcome === 'unmatched')
      throw problems.notFound(`Unmatched sale ${params.storeId}/${params.transactionId}`);
    await recordStaffAction({
      actor: principal,
      action: 'purchase.assign',
      target: purchaseAuditSubject.target(`${params.storeId}:${params.transactionId}`),
      after: { customerId: body.customerId, outcome },
      correlationId,
      sourceIp,
    });
    return { status: 200, body: { outcome } };
  },
);
