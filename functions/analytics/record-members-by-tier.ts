import { memberJoinedTally, tierChangedTallies } from '../../lib/analytics/members-by-tier';
import { tallyHandler } from '../../lib/events/tally-consumer';
import { entryTierOf } from '../../lib/loyalty/tier-ladder-schema';
import { tierLadder } from '../../lib/loyalty/tier-store';

export const handler = tallyHandler(
  { event: ['CustomerRegistered', 'TierChanged'], consumer: 'analytics.recordMembersByTier' },
  async (event) =>
    event.name === 'TierChanged'
      ? tierChangedTallies(event.data)
      : // The points account opens in the entry tier of the ladder as it is now (lib/loyalty/accounts.ts).
        memberJoinedTally(entryTierOf(await tierLadder()).code),
);
