import { startDueBlasts } from '../../lib/campaigns/fan-out';
import { logger } from '../../lib/observability';
import { scheduledHandler } from '../../lib/schedules/handler';

export const handler = scheduledHandler(async (event) => {
  const outcome = await startDueBlasts(new Date(event.time), event.id);
  if (outcome.due) logger.info('campaign blasts', outcome);
});
