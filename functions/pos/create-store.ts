import { recordStaffAction } from '../../lib/audit';
import { httpHandler } from '../../lib/http/handler';
import { createStoreRoute } from '../../lib/pos/routes';
import { storeAuditSubject } from '../../lib/pos/schemas';
import { createStore } from '../../lib/pos/stores';

export const handler = httpHandler(createStoreRoute, async ({ principal, body, correlationId, sourceIp }) => {
  const store = await createStore(body);
  await recordStaffAction({
    actor: principal,
    action: 'store.create',
    target: storeAuditSubject.target(store.storeId),
    after: store,
    correlationId,
    sourceIp,
  });
  return { status: 201, body: store };
});
