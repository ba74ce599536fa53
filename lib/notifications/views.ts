import * as z from 'zod';

export const wechatDeliverySchema = z.enum(['pending', 'sent', 'not-subscribed', 'rejected']);

export const inboxMessageSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().optional(),
});
export type InboxMessage = z.infer<typeof inboxMessageSchema>;
