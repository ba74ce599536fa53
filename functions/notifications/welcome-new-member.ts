import { eventHandler } from '../../lib/events/consumer';
import { welcomeNewMember } from '../../lib/notifications/welcome';
import { logger, metrics, MetricUnit } from '../../lib/observability';

export const handler = eventHandler(
  { event: 'CustomerRegistered', consumer: 'notifications.welcomeNewMember' },
  async ({ data, metadata }) => {
    const wechat = await welcomeNewMember(data.customerId, metadata.eventId);
    metrics.addMetric(
      wechat === 'sent' ? 'WelcomeMessagesSent' : 'WelcomeMessagesInboxOnly',
      MetricUnit.Count,
      1,
    );
    logger.info('welcomed new member', { customerId: data.customerId, wechat });
  },
);
