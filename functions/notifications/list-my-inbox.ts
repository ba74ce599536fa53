import { httpHandler } from '../../lib/http/handler';
import { listInbox } from '../../lib/notifications/inbox';
import { listMyInboxRoute } from '../../lib/notifications/routes';

export const handler = httpHandler(listMyInboxRoute, async ({ principal, query }) => ({
  status: 200,
  body: await listInbox(principal.customerId, query),
}));
