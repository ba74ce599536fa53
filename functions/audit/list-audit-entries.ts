import { searchAuditEntries } from '../../lib/audit';
import { listAuditEntriesRoute } from '../../lib/audit/routes';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(listAuditEntriesRoute, async ({ query }) => {
  const to = query.to ?? new Date().toISOString();
  const from = query.from ?? new Date(new Date(to).getTime() - 7 * 86_400_000).toISOString();
  return { status: 200, body: await searchAuditEntries({ ...query, from, to }) };
});
