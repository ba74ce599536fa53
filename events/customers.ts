import { z } from 'zod';
import { defineEvent } from './envelope';

export const CustomerRegistered = defineEvent({
  source: 'sbm.crm.customers',
  detailType: 'CustomerRegistered',
  schemaVersion: 1,
  description:
    'A WeChat user signed in for the first time and became a member. Carries no personal data: consumers read the profile.',
  data: z
    .object({
      customerId: z.string().min(1),
      channel: z.enum(['wechat-mini-program']),
      registeredAt: z.iso.datetime(),
    })
    .strict(),
  example: {
    customerId: '01JD0000000000000000000000',
    channel: 'wechat-mini-program',
    registeredAt: '2026-11-11T02:00:00.000Z',
  },
});
