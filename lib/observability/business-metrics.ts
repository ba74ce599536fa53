/**
 * The business counters every stage's dashboard shows and `/_local/metrics` exposes, in the `SbmCrm`
 * namespace (Powertools adds the `service` dimension: the function's service). One name per business
 * fact; the code that makes the fact true records it, once, after the write that makes it so.
 */
export const businessMetrics = {
  MembersRegistered: { unit: 'Count', description: 'Members registered (any sign-up channel)' },
  PurchasesCredited: { unit: 'Count', description: 'Purchases credited to a member' },
  PurchasesUnmatched: { unit: 'Count', description: 'POS sales recorded without a member to credit' },
  PointsIssued: { unit: 'Count', description: 'Points credited (purchases, campaigns, adjustments)' },
  PointsRedeemed: { unit: 'Count', description: 'Points spent on rewards' },
  Redemptions: { unit: 'Count', description: 'Rewards redeemed' },
  CampaignAwards: { unit: 'Count', description: 'Campaign awards paid' },
  MessagesSent: { unit: 'Count', description: 'WeChat messages delivered' },
  MessagesFailed: { unit: 'Count', description: 'WeChat messages that failed for good' },
} as const;

export type BusinessMetric = keyof typeof businessMetrics;
