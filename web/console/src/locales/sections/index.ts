import type { i18n as I18n } from 'i18next';
import { customersEnUS, customersZhCN } from './customers';
import { rewardsEnUS, rewardsZhCN } from './rewards';
import { campaignsEnUS, campaignsZhCN } from './campaigns';
import { storesEnUS, storesZhCN } from './stores';
import { bookingsEnUS, bookingsZhCN } from './bookings';
import { venuesEnUS, venuesZhCN } from './venues';
import { programmeEnUS, programmeZhCN } from './programme';
import { analyticsEnUS, analyticsZhCN } from './analytics';
import { staffEnUS, staffZhCN } from './staff';
import { auditEnUS, auditZhCN } from './audit';

/** Each section's strings under its key, by language. */
export const sectionStrings = {
  'zh-CN': {
    customers: customersZhCN,
    rewards: rewardsZhCN,
    campaigns: campaignsZhCN,
    stores: storesZhCN,
    bookings: bookingsZhCN,
    venues: venuesZhCN,
    programme: programmeZhCN,
    analytics: analyticsZhCN,
    staff: staffZhCN,
    audit: auditZhCN,
  },
  'en-US': {
    customers: customersEnUS,
    rewards: rewardsEnUS,
    campaigns: campaignsEnUS,
    stores: storesEnUS,
    bookings: bookingsEnUS,
    venues: venuesEnUS,
    programme: programmeEnUS,
    analytics: analyticsEnUS,
    staff: staffEnUS,
    audit: auditEnUS,
  },
} as const;

/**
 * Adds every section's strings to the catalogues. The shell's chunk does it as it loads, so the sign-in
 * page's first chunk (with its JavaScript budget) carries only the strings of signing in.
 */
export function addSectionStrings(i18n: I18n) {
  for (const [language, sections] of Object.entries(sectionStrings))
    i18n.addResourceBundle(language, 'translation', sections, true, false);
}
