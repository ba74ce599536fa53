import { z } from 'zod';
import { lazyEnv } from '../config';
import { getCustomerRecord } from '../customers/repository';
import { sendSubscribeMessage } from '../wechat/client';
import { putInboxMessage, recordWeChatDelivery } from './inbox';

const env = lazyEnv({ WECHAT_TEMPLATE_WELCOME: z.string().min(1) });

/** WeChat's `thing` values hold at most 20 characters. */
const thing = (text: string) => ({ value: [...text].slice(0, 20).join('') });

/**
 * Welcomes a new member: an inbox entry always, and a WeChat subscribe message when WeChat accepts it.
 * Keyed by the registration event, so a retry neither duplicates the entry nor sends twice.
 */
export async function welcomeNewMember(customerId: string, eventId: string, now = new Date()) {
  const customer = await getCustomerRecord(customerId);
  if (!customer) throw new Error(`No profile for registered customer ${customerId}`);
  const message = {
    id: eventId,
    kind: 'welcome',
    title: 'Welcome to SBM Rewards',
    body: 'Your membership is active. Earn points with every purchase at our malls.',
    createdAt: now.toISOString(),
  };
  const inbox = await putInboxMessage(customerId, message);
  if (inbox.wechat !== 'pending') return inbox.wechat;
  const outcome = await sendSubscribeMessage({
    touser: customer.openid,
    templateId: env().WECHAT_TEMPLATE_WELCOME,
    page: 'pages/member/index',
    data: {
      thing1: thing(message.title),
      thing2: thing('Bronze member'),
      time3: { value: now.toISOString().slice(0, 10) },
    },
  });
  await recordWeChatDelivery(customerId, message.id, outcome);
  return outcome;
}
