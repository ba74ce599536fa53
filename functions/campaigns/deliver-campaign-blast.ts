import { deliverBlastPage } from '../../lib/campaigns/blast';
import { blastPageSchema } from '../../lib/campaigns/blast-pages';
import { logger } from '../../lib/observability';
import { queueHandler } from '../../lib/queues/handler';

export const handler = queueHandler('campaignBlast', blastPageSchema, async (page, record) => {
  const correlationId = record.messageAttributes?.correlationId?.stringValue ?? record.messageId;
  const outcomes = await deliverBlastPage(page, correlationId);
  logger.info('blast page', { campaignId: page.campaignId, outcomes });
});
