import {
  adjustPointsRoute,
  assignUnmatchedPurchaseRoute,
  getTierLadderRoute,
  listCustomerLedgerRoute,
  listEarningRulesRoute,
  listUnmatchedPurchasesRoute,
  previewEarningRoute,
  saveEarningRulesRoute,
  saveTierLadderRoute,
} from '../loyalty/admin-routes';
import {
  cancelRedemptionRoute,
  listMemberRedemptionsRoute,
  collectPickupRoute,
  createRewardImageUploadRoute,
  createRewardRoute,
  getRewardRoute,
  importVoucherCodesRoute,
  listAllRewardsRoute,
  listMyVouchersRoute,
  listRedemptionsRoute,
  listRewardsRoute,
  lookUpPickupRoute,
  redeemRewardRoute,
  redeemVoucherAtTillRoute,
  retireRewardRoute,
  updateRewardRoute,
} from '../rewards/routes';
import { getMyPointsAccountRoute, listMyTransactionsRoute } from '../loyalty/routes';
import type { FunctionDeclaration } from './types';

/** Points, tiers and earning rules; the reward catalogue and its vouchers, redeemed by members and at the till. */
export const loyaltyFunctions = {
  getMyPointsAccount: {
    service: 'loyalty',
    handler: 'functions/loyalty/get-my-points-account.ts',
    description: "The member's points balance and tier",
    trigger: { kind: 'http', route: getMyPointsAccountRoute },
    access: { tables: { main: { reads: ['get', 'query'] } } },
  },
  openPointsAccount: {
    service: 'loyalty',
    handler: 'functions/loyalty/open-points-account.ts',
    description: 'Opens a points account for each new member',
    trigger: { kind: 'event', events: ['CustomerRegistered'] },
    access: {
      tables: {
        main: { reads: ['get'], writes: ['put'] },
        idempotency: { reads: ['get'], writes: ['put', 'update', 'delete'] },
      },
    },
  },
  creditPosTransactions: {
    service: 'loyalty',
    handler: 'functions/loyalty/credit-pos-transactions.ts',
    description: 'Credits POS sales and reverses refunds, once each, from the POS queue',
    // No batching window: a credit should show within a second or two; under load batches fill anyway.
    trigger: { kind: 'queue', queue: 'pos', batchSize: 10, maxConcurrency: 50 },
    access: {
      tables: { main: { reads: ['get', 'query'], writes: ['put', 'update'] } },
      publishesEvents: true,
    },
    timeoutSeconds: 30,
    // The purchase path's reservations are reasoned in pos.ts. The mapping never runs more than its
    // maxConcurrency batches at once, so this equals it: less would throttle credits, more sit idle.
    reservedConcurrency: 50,
  },
  releasePendingPoints: {
    service: 'loyalty',
    handler: 'functions/loyalty/release-pending-points.ts',
    description: 'Moves points out of pending when their lock period ends',
    trigger: {
      kind: 'schedule',
      expression: 'rate(1 hour)',
      description: 'Release pending points whose lock period ended',
    },
    access: { tables: { main: { reads: ['get', 'query'], writes: ['put', 'update'] } } },
    timeoutSeconds: 300,
  },
  listMyTransactions: {
    service: 'loyalty',
    handler: 'functions/loyalty/list-my-transactions.ts',
    description: "The member's points history",
    trigger: { kind: 'http', route: listMyTransactionsRoute },
    access: { tables: { main: { reads: ['query'] } }, secrets: ['cursorKey'] },
  },
  adjustPoints: {
    service: 'loyalty',
    handler: 'functions/loyalty/adjust-points.ts',
    description: 'Staff point adjustments with reasons, audited',
    trigger: { kind: 'http', route: adjustPointsRoute },
    access: {
      tables: { main: { reads: ['get', 'query'], writes: ['put', 'update'] } },
      appendsAudit: true,
      publishesEvents: true,
    },
  },
  expirePoints: {
    service: 'loyalty',
    handler: 'functions/loyalty/expire-points.ts',
    description: 'Expires due lots and sends expiry reminders',
    // 00:05 in Asia/Shanghai, just after the month-end expiry instant.
    trigger: {
      kind: 'schedule',
      expression: 'cron(5 16 * * ? *)',
      description: 'Daily points expiry and reminders',
    },
    access: {
      tables: { main: { reads: ['get', 'batchGet', 'query'], writes: ['put', 'update'] } },
      publishesEvents: true,
    },
    timeoutSeconds: 900,
  },
  reviewTiers: {
    service: 'loyalty',
    handler: 'functions/loyalty/review-tiers.ts',
    description: 'Anniversary tier reviews (at most one tier down) and downgrade notices',
    // 00:10 in Asia/Shanghai.
    trigger: { kind: 'schedule', expression: 'cron(10 16 * * ? *)', description: 'Daily tier review' },
    access: {
      tables: { main: { reads: ['get', 'batchGet', 'query'], writes: ['update'] } },
      publishesEvents: true,
    },
    timeoutSeconds: 900,
  },
  getTierLadder: {
    service: 'loyalty',
    handler: 'functions/loyalty/get-tier-ladder.ts',
    description: 'Staff view of the tier ladder',
    trigger: { kind: 'http', route: getTierLadderRoute },
    access: { tables: { main: { reads: ['get'] } } },
  },
  saveTierLadder: {
    service: 'loyalty',
    handler: 'functions/loyalty/save-tier-ladder.ts',
    description: 'Staff configure tiers and their benefits',
    trigger: { kind: 'http', route: saveTierLadderRoute },
    access: { tables: { main: { reads: ['get'], writes: ['put'] } }, appendsAudit: true },
  },
  listRewards: {
    service: 'loyalty',
    handler: 'functions/rewards/list-rewards.ts',
    description: 'The reward catalogue members see',
    trigger: { kind: 'http', route: listRewardsRoute },
    access: { tables: { main: { reads: ['query'] } }, rewardImages: 'link' },
  },
  listMyVouchers: {
    service: 'loyalty',
    handler: 'functions/rewards/list-my-vouchers.ts',
    description: "A member's coupon and voucher codes",
    trigger: { kind: 'http', route: listMyVouchersRoute },
    access: { tables: { main: { reads: ['batchGet', 'query'] } } },
  },
  redeemReward: {
    service: 'loyalty',
    handler: 'functions/rewards/redeem-reward.ts',
    description: 'Members redeem rewards with points',
    trigger: { kind: 'http', route: redeemRewardRoute },
    access: {
      tables: { main: { reads: ['get', 'query'], writes: ['put', 'update', 'delete'] } },
      publishesEvents: true,
    },
  },
  createReward: {
    service: 'loyalty',
    handler: 'functions/rewards/create-reward.ts',
    description: 'Staff add rewards',
    trigger: { kind: 'http', route: createRewardRoute },
    access: {
      tables: { main: { reads: ['get'], writes: ['put'] } },
      appendsAudit: true,
      rewardImages: 'check',
    },
  },
  listAllRewards: {
    service: 'loyalty',
    handler: 'functions/rewards/list-all-rewards.ts',
    description: 'Staff view of the catalogue',
    trigger: { kind: 'http', route: listAllRewardsRoute },
    access: { tables: { main: { reads: ['get', 'query'] } }, rewardImages: 'link', secrets: ['cursorKey'] },
  },
  updateReward: {
    service: 'loyalty',
    handler: 'functions/rewards/update-reward.ts',
    description: 'Staff change or restock rewards',
    trigger: { kind: 'http', route: updateRewardRoute },
    access: {
      tables: { main: { reads: ['get'], writes: ['put', 'update'] } },
      appendsAudit: true,
      rewardImages: 'check',
    },
  },
  retireReward: {
    service: 'loyalty',
    handler: 'functions/rewards/retire-reward.ts',
    description: 'Staff retire rewards',
    trigger: { kind: 'http', route: retireRewardRoute },
    access: {
      tables: { main: { reads: ['get'], writes: ['put', 'update'] } },
      appendsAudit: true,
      rewardImages: 'link',
    },
  },
  importVoucherCodes: {
    service: 'loyalty',
    handler: 'functions/rewards/import-voucher-codes.ts',
    description: 'Staff import voucher code pools',
    trigger: { kind: 'http', route: importVoucherCodesRoute },
    access: { tables: { main: { reads: ['get'], writes: ['put', 'update', 'check'] } }, appendsAudit: true },
  },
  cancelRedemption: {
    service: 'loyalty',
    handler: 'functions/rewards/cancel-redemption.ts',
    description: 'Staff cancel redemptions; points return with their original expiry',
    trigger: { kind: 'http', route: cancelRedemptionRoute },
    access: {
      tables: { main: { reads: ['get', 'query'], writes: ['put', 'update'] } },
      appendsAudit: true,
      publishesEvents: true,
    },
  },
  listMemberRedemptions: {
    service: 'loyalty',
    handler: 'functions/rewards/list-member-redemptions.ts',
    description: "Staff view of a member's redemptions and the state of their codes",
    trigger: { kind: 'http', route: listMemberRedemptionsRoute },
    access: {
      tables: { main: { reads: ['get', 'batchGet', 'query'], writes: ['put'] } },
      appendsAudit: true,
      secrets: ['cursorKey'],
    },
  },
  getReward: {
    service: 'loyalty',
    handler: 'functions/rewards/get-reward.ts',
    description: 'Staff read one reward to edit it',
    trigger: { kind: 'http', route: getRewardRoute },
    access: { tables: { main: { reads: ['get'] } }, rewardImages: 'link' },
  },
  createRewardImageUpload: {
    service: 'loyalty',
    handler: 'functions/rewards/create-reward-image-upload.ts',
    description: 'Staff get a presigned form to upload a reward picture',
    trigger: { kind: 'http', route: createRewardImageUploadRoute },
    // The main table holds the staff records whose roles every staff request is checked against.
    access: { tables: { main: { reads: ['get'] } }, rewardImages: 'upload' },
  },
  listRedemptions: {
    service: 'loyalty',
    handler: 'functions/rewards/list-redemptions.ts',
    description: 'Staff list redemptions by reward, member, state and date',
    trigger: { kind: 'http', route: listRedemptionsRoute },
    access: { tables: { main: { reads: ['get', 'query'] } }, secrets: ['cursorKey'] },
  },
  lookUpPickup: {
    service: 'loyalty',
    handler: 'functions/rewards/look-up-pickup.ts',
    description: 'The service desk reads a pickup code before handing the item over',
    trigger: { kind: 'http', route: lookUpPickupRoute },
    access: { tables: { main: { reads: ['get'] } }, rewardImages: 'link' },
  },
  collectPickup: {
    service: 'loyalty',
    handler: 'functions/rewards/collect-pickup.ts',
    description: 'The service desk marks physical rewards collected, once',
    trigger: { kind: 'http', route: collectPickupRoute },
    access: {
      tables: { main: { reads: ['get'], writes: ['put', 'update'] } },
      appendsAudit: true,
      publishesEvents: true,
    },
  },
  // A POS function (POS key, service pos), declared here beside the vouchers it redeems.
  redeemVoucherAtTill: {
    service: 'pos',
    handler: 'functions/pos/redeem-voucher.ts',
    description: 'Tills accept voucher and coupon codes once',
    trigger: { kind: 'http', route: redeemVoucherAtTillRoute },
    access: {
      tables: { main: { reads: ['get'], writes: ['update'] } },
      secrets: ['posSecretBox'],
      publishesEvents: true,
    },
  },
  listCustomerLedger: {
    service: 'loyalty',
    handler: 'functions/loyalty/list-customer-ledger.ts',
    description: "Staff view of a member's ledger",
    trigger: { kind: 'http', route: listCustomerLedgerRoute },
    access: {
      tables: { main: { reads: ['get', 'query'], writes: ['put'] } },
      appendsAudit: true,
      secrets: ['cursorKey'],
    },
  },
  listUnmatchedPurchases: {
    service: 'loyalty',
    handler: 'functions/loyalty/list-unmatched-purchases.ts',
    description: 'Staff view of sales without a member',
    trigger: { kind: 'http', route: listUnmatchedPurchasesRoute },
    access: { tables: { main: { reads: ['get', 'query'] } }, secrets: ['cursorKey'] },
  },
  assignUnmatchedPurchase: {
    service: 'loyalty',
    handler: 'functions/loyalty/assign-unmatched-purchase.ts',
    description: 'Staff assign an unmatched sale to a member',
    trigger: { kind: 'http', route: assignUnmatchedPurchaseRoute },
    access: {
      tables: { main: { reads: ['get', 'query'], writes: ['put', 'update'] } },
      appendsAudit: true,
      publishesEvents: true,
    },
  },
  previewEarning: {
    service: 'loyalty',
    handler: 'functions/loyalty/preview-earning.ts',
    description: 'What a sample purchase would earn under the rules in force at its moment',
    trigger: { kind: 'http', route: previewEarningRoute },
    access: { tables: { main: { reads: ['get', 'query'] } } },
  },
  listEarningRules: {
    service: 'loyalty',
    handler: 'functions/loyalty/list-earning-rules.ts',
    description: 'Earning rule versions',
    trigger: { kind: 'http', route: listEarningRulesRoute },
    access: { tables: { main: { reads: ['get', 'query'] } } },
  },
  saveEarningRules: {
    service: 'loyalty',
    handler: 'functions/loyalty/save-earning-rules.ts',
    description: 'New earning rule versions',
    trigger: { kind: 'http', route: saveEarningRulesRoute },
    access: { tables: { main: { reads: ['get', 'query'], writes: ['put'] } }, appendsAudit: true },
  },
} as const satisfies Record<string, FunctionDeclaration>;
