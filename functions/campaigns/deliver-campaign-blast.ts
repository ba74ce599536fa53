import { deliverBlastPage } from '../../lib/campaigns/blast';
import { blastPageSchema } from '../../lib/campaigns/blast-pages';
import { logger } from '../../lib/observability';
import { correlationIdOfRecord, queueHandler } from '../../lib/queues/handler';

export const handler = queueHandler('campaignBlast', blastPageSchema, async (page, record) => {
  const outcomes = await deliverBlastPage(page, correlationIdOfRecord(record));
  logger.info('blast page', { campaignId: page.campaignId, outcomes });
});
