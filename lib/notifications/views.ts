import * as z from '../zod';
import { lazySchema } from '../lazy-schema';

/** `sending`: one delivery claimed the send; if it crashed there, the message is not sent again (at most once). */
export const wechatDeliverySchema = lazySchema(() =>
  z.enum(['pending', 'sending', 'sent', 'not-subscribed', 'rejected']),
);

export const inboxMessageSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    kind: z
      .string()
      .check(
        z.describe(
          "What it is about: welcome, tier-changed, points-milestone, points-expiring, tier-downgrade-notice, booking-reminder, or campaign (a campaign's message)",
        ),
      ),
    title: z.string(),
    body: z.string(),
    createdAt: z.iso.datetime(),
    readAt: z.optional(z.iso.datetime()),
  }),
);
export type InboxMessage = z.infer<typeof inboxMessageSchema>;
