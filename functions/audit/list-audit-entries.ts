import { searchAuditEntries } from '../../lib/audit';
import { actorNamedBy, withActorsShown } from '../../lib/audit/actors';
import { listAuditEntriesRoute } from '../../lib/audit/routes';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(listAuditEntriesRoute, async ({ query }) => {
  const to = query.to ?? new Date().toISOString();
  const from = query.from ?? new Date(new Date(to).getTime() - 7 * 86_400_000).toISOString();
  const actor = query.actor === undefined ? undefined : await actorNamedBy(query.actor);
  // An email nobody signs in with acted on nothing.
  if (query.actor !== undefined && actor === undefined) return { status: 200, body: { items: [] } };
  const page = await searchAuditEntries({ ...query, actor, from, to });
  return { status: 200, body: { ...page, items: await withActorsShown(page.items) } };
});
