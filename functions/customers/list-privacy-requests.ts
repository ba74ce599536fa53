import { latestAuditEntriesOf } from '../../lib/audit';
import { listPrivacyRequestsRoute } from '../../lib/customers/routes';
import { httpHandler } from '../../lib/http/handler';

const KINDS = {
  'privacy.export': 'export',
  'privacy.erase': 'erasure',
  'privacy.erase.wechat-revoke': 'erasure-after-wechat-withdrawal',
} as const;

/** Privacy requests are carried out at once, so each one in the audit trail is a completed request. */
export const handler = httpHandler(listPrivacyRequestsRoute, async ({ query }) => {
  const to = query.to ?? new Date().toISOString();
  const from = query.from ?? new Date(new Date(to).getTime() - 30 * 86_400_000).toISOString();
  const entries = await latestAuditEntriesOf(Object.keys(KINDS), { from, to, limit: query.limit });
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
