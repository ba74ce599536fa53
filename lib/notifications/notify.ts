import { getCustomerRecord } from '../customers/repository';
import { programmeToday } from '../calendar';
import { sendSubscribeMessage, type SubscribeMessageOutcome } from '../wechat/client';
import { claimWeChatSend, putInboxMessage, recordWeChatDelivery } from './inbox';
import { recordBusinessMetric } from '../observability/record-business-metric';

/** WeChat's `thing` values hold at most 20 characters. */
export const thing = (text: string) => ({ value: [...text].slice(0, 20).join('') });

export interface MemberNotice {
  /** Stable per fact (an event id, a milestone), so a retry writes and sends once. */
  id: string;
  kind: string;
  title: string;
  body: string;
  templateId: string;
  /** The template's second field; the first is the title, the third today's date. */
  detail: string;
  /**
   * `service` (the default) tells the member about their own account; `marketing` (campaigns, offers)
   * goes only to members whose marketing consent stands at the moment of sending.
   */
  purpose?: 'service' | 'marketing';
}

/** Whether the member may receive marketing now: consent granted and not withdrawn, member not erased. */
export const acceptsMarketing = (customer: { marketingConsent?: { granted: boolean }; erasedAt?: string }) =>
  customer.marketingConsent?.granted === true && !customer.erasedAt;

/**
 * Tells a member something: an inbox entry always, and a WeChat subscribe message when WeChat takes it
 * (a member who granted no send gets the inbox entry only). A retry, or a concurrent twin, neither
 * duplicates nor resends: the send is claimed first, so it happens at most once.
 */
export async function notifyMember(
  customerId: string,
  notice: MemberNotice,
  now = new Date(),
): Promise<SubscribeMessageOutcome | 'pending' | 'no-consent'> {
  // Read consistently right before sending, so a withdrawal counts from the moment it is saved.
  const customer = await getCustomerRecord(customerId);
  if (!customer) throw new Error(`No profile for customer ${customerId}`);
  if (notice.purpose === 'marketing' && !acceptsMarketing(customer)) return 'no-consent';
  const inbox = await putInboxMessage(customerId, {
    id: notice.id,
    kind: notice.kind,
    title: notice.title,
    body: notice.body,
    createdAt: now.toISOString(),
  });
  // Only the delivery that claimed the send sends: a member is messaged at most once per notice.
  const claimed =
    inbox.created || (inbox.wechat === 'pending' && (await claimWeChatSend(customerId, notice.id)));
  if (!claimed) return inbox.wechat === 'sending' || inbox.wechat === 'pending' ? 'pending' : inbox.wechat;
  // A member who never used the mini program (web or SMS sign-in) can get no subscribe message.
  const outcome: SubscribeMessageOutcome = !customer.openid
    ? 'not-subscribed'
    : await sendSubscribeMessage({
        touser: customer.openid,
        templateId: notice.templateId,
        page: 'pages/member/index',
        data: {
          thing1: thing(notice.title),
          thing2: thing(notice.detail),
          time3: { value: programmeToday(now) },
        },
      });
  await recordWeChatDelivery(customerId, notice.id, outcome);
  // Only the claimed send gets here, so each message counts once: delivered, or refused by WeChat for good.
  if (outcome === 'sent') recordBusinessMetric('MessagesSent');
  else if (outcome === 'rejected') recordBusinessMetric('MessagesFailed');
  return outcome;
}
