import * as z from '../lib/zod';
import { defineEvent } from './envelope';

export const CustomerRegistered = defineEvent({
  source: 'sbm.crm.customers',
  detailType: 'CustomerRegistered',
  schemaVersion: 1,
  description:
    "A person signed in for the first time and became a member: in the WeChat mini program, in the Official Account's web pages (the booking PWA), or with an SMS code outside WeChat (channel). Carries no personal data: consumers read the profile.",
  data: () =>
    z.strictObject({
      customerId: z.string().check(z.minLength(1)),
      channel: z.enum(['wechat-mini-program', 'wechat-official-account', 'sms']),
      registeredAt: z.iso.datetime(),
    }),
  example: {
    customerId: '01JD0000000000000000000000',
    channel: 'wechat-mini-program',
    registeredAt: '2026-11-11T02:00:00.000Z',
  },
});

export const CustomerErased = defineEvent({
  source: 'sbm.crm.customers',
  detailType: 'CustomerErased',
  schemaVersion: 1,
  description:
    "A member asked to be erased (PIPL art. 47): every service purges its copies of the member's personal data.",
  data: () => z.strictObject({ customerId: z.string().check(z.minLength(1)), erasedAt: z.iso.datetime() }),
  example: { customerId: '01JD0000000000000000000000', erasedAt: '2026-11-11T02:00:00.000Z' },
});

export const ProfileCompleted = defineEvent({
  source: 'sbm.crm.customers',
  detailType: 'ProfileCompleted',
  schemaVersion: 1,
  description: 'A member completed their profile (name, birthday and a bound phone) for the first time.',
  data: () => z.strictObject({ customerId: z.string().check(z.minLength(1)), completedAt: z.iso.datetime() }),
  example: { customerId: '01JD0000000000000000000000', completedAt: '2026-11-11T02:00:00.000Z' },
});

export const CustomEventRecorded = defineEvent({
  source: 'sbm.crm.customers',
  detailType: 'CustomEventRecorded',
  schemaVersion: 1,
  description:
    'Staff (or a system acting for them) recorded a named event for a member, such as attending a mall event; custom-event campaigns react to it.',
  data: () =>
    z.strictObject({
      customerId: z.string().check(z.minLength(1)),
      name: z.string().check(z.minLength(1), z.maxLength(64)),
      /** Unique per occurrence: a campaign awards once per member and event id. */
      eventKey: z.string().check(z.minLength(1), z.maxLength(64)),
      occurredAt: z.iso.datetime(),
    }),
  example: {
    customerId: '01JD0000000000000000000000',
    name: 'fashion-show-attended',
    eventKey: '01JD00000000000000000000EV',
    occurredAt: '2026-11-11T02:00:00.000Z',
  },
});
