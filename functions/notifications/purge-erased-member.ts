import { purgeInbox } from '../../lib/notifications/inbox';
import { eventHandler } from '../../lib/events/consumer';

export const handler = eventHandler(
  { event: 'CustomerErased', consumer: 'notifications.purgeErasedMember' },
  async ({ data }) => {
    await purgeInbox(data.customerId);
  },
);
