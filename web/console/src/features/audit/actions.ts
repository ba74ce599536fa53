import type { TFunction } from 'i18next';

/** The actions the platform audits, for the action filter's suggestions; the API takes any name. */
export const KNOWN_ACTIONS = [
  'staff.sign-in',
  'staff.sign-in-failed',
  'staff.sign-out',
  'staff.lock',
  'staff.unlock',
  'staff.create',
  'staff.roles',
  'staff.password',
  'staff.deactivate',
  'loyalty.adjust',
  'loyalty.ledger.read',
  'purchase.assign',
  'tiers.save',
  'earning-rules.save',
  'reward.create',
  'reward.update',
  'reward.retire',
  'reward.import-codes',
  'redemption.cancel',
  'campaign.create',
  'campaign.update',
  'campaign.schedule',
  'campaign.activate',
  'campaign.pause',
  'campaign.end',
  'store.create',
  'pos-key.issue',
  'pos-key.rotate',
  'pos-key.revoke',
  'pos-dlq.redrive',
  'pos-dlq.redrive-one',
  'customers.profile.read',
  'customers.phone-search',
  'customer.event',
  'privacy.export',
  'privacy.erase',
  'privacy.erase.wechat-revoke',
  'analytics.export',
] as const;

/** An action in the reader's words when the console knows it, else its name as the trail keeps it. */
export const actionLabel = (action: string, t: TFunction) =>
  t(`audit.actions.${action.replaceAll('.', '_')}`, { defaultValue: action });
