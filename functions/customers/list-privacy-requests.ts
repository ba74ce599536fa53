import { latestAuditEntriesOf } from '../../lib/audit';
import { targetName } from '../../lib/audit/subjects';
import { listPrivacyRequestsRoute } from '../../lib/customers/routes';
import { customerAuditSubject } from '../../lib/customers/profile';
import { httpHandler } from '../../lib/http/handler';

/** Before any request the platform could have recorded. */
const PROGRAMME_BEGAN = '2020-01-01T00:00:00.000Z';

const KINDS = {
  'privacy.export': 'export',
  'privacy.erase': 'erasure',
  'privacy.erase.wechat-revoke': 'erasure-after-wechat-withdrawal',
} as const;

/** Privacy requests are carried out at once, so each one in the audit trail is a completed request. */
export const handler = httpHandler(listPrivacyRequestsRoute, async ({ query }) => {
  const to = query.to ?? new Date().toISOString();
  // One member's requests are few, on their own index partition: all of them, unless a period is given.
  const from =
    query.from ??
    (query.customerId ? PROGRAMME_BEGAN : new Date(new Date(to).getTime() - 30 * 86_400_000).toISOString());
  const entries = await latestAuditEntriesOf(Object.keys(KINDS), {
    from,
    to,
    limit: query.limit,
    target:
      query.customerId === undefined ? undefined : targetName(customerAuditSubject.target(query.customerId)),
  });
  const items = entries.flatMap((entry) => {
    const kind = KINDS[entry.action as keyof typeof KINDS];
    return kind
      ? [
          {
            customerId: entry.target.replace(/^customer:/, ''),
            kind,
            status: 'completed' as const,
            at: entry.at,
            correlationId: entry.correlationId,
          },
        ]
      : [];
  });
  return { status: 200, body: { items } };
});
