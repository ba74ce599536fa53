import * as z from '../zod';
import { lazyEnv } from '../config';
import { notifyMember } from './notify';
import { lazySchema } from '../lazy-schema';

const env = lazyEnv({ WECHAT_TEMPLATE_WELCOME: lazySchema(() => z.string().check(z.minLength(1))) });

/** Welcomes a new member, keyed by the registration event. */
export function welcomeNewMember(customerId: string, eventId: string, now = new Date()) {
  return notifyMember(
    customerId,
    {
      id: eventId,
      kind: 'welcome',
      title: 'Welcome to SBM Rewards',
      body: 'Your membership is active. Earn points with every purchase at our malls.',
      templateId: env().WECHAT_TEMPLATE_WELCOME,
      detail: 'Bronze member',
    },
    now,
  );
}
