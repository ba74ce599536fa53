import { purgeInbox } from '../../lib/customers/privacy';
import { eventHandler } from '../../lib/events/consumer';

export const handler = eventHandler(
  { event: 'CustomerErased', consumer: 'notifications.purgeErasedMember' },
  async ({ data }) => {
    await purgeInbox(data.customerId);
  },
);
