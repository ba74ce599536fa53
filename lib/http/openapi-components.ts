import { staffRoleSchema } from '../auth/permissions';
import { enrolmentSchema, memberSessionSchema, staffSessionSchema } from '../auth/routes';
import { staffViewSchema } from '../auth/staff-routes';
import { bookingViewSchema } from '../bookings/views';
import { twoFactorPolicySchema } from '../auth/two-factor-routes';
import {
  campaignConditionsSchema,
  campaignDefinitionSchema,
  campaignEffectsSchema,
  campaignLimitsSchema,
  campaignTriggerSchema,
  holdoutPercentSchema,
  perCustomerLimitSchema,
} from '../campaigns/model';
import { segmentSchema } from '../campaigns/segments';
import { memberCampaignSchema, staffCampaignSchema } from '../campaigns/views';
import { pointsIssuedBreakdownSchema } from '../analytics/views';
import { customerSchema } from '../customers/profile';
import { rulesVersionSchema } from '../loyalty/admin-routes';
import { earningRulesSchema } from '../loyalty/earning';
import { ledgerEntrySchema } from '../loyalty/ledger-schema';
import { expiryPolicySchema } from '../loyalty/lots';
import { tierLadderSchema } from '../loyalty/tier-ladder-schema';
import { tierCodeSchema } from '../loyalty/tiers';
import { pointsAccountSummarySchema } from '../loyalty/views';
import { posRefundSchema, posTransactionSchema, purchaseLineSchema } from '../pos/messages';
import { posKeyViewSchema, storeSchema } from '../pos/schemas';
import { rewardSchema, rewardTypeSchema, voucherSchema } from '../rewards/schemas';
import { availabilitySchema } from '../bookings/availability';
import {
  capacitySchema,
  dayHoursSchema,
  openingPeriodSchema,
  resourceSchema,
  strikePolicySchema,
  venueSchema,
  weeklyHoursSchema,
} from '../bookings/model';
import { memberVenueViewSchema } from '../bookings/venue-schemas';
import type * as z from '../zod';
import { problemSchema } from './problem';

/**
 * The schemas OpenAPI names under components/schemas: each is given once and referenced wherever a route
 * uses it, in its body, its answers or inside another schema. A schema is named here when several routes
 * use it or when integrators think of it as a thing of its own (a campaign, a reward, a sale).
 */
export const componentSchemas: Record<string, z.ZodMiniType> = {
  Problem: problemSchema,
  Customer: customerSchema,
  PointsAccountSummary: pointsAccountSummarySchema,
  LedgerEntry: ledgerEntrySchema,
  TierCode: tierCodeSchema,
  TierLadder: tierLadderSchema,
  EarningRules: earningRulesSchema,
  EarningRulesVersion: rulesVersionSchema,
  ExpiryPolicy: expiryPolicySchema,
  Reward: rewardSchema,
  RewardType: rewardTypeSchema,
  Voucher: voucherSchema,
  Campaign: staffCampaignSchema,
  CampaignDefinition: campaignDefinitionSchema,
  CampaignTrigger: campaignTriggerSchema,
  CampaignConditions: campaignConditionsSchema,
  CampaignEffects: campaignEffectsSchema,
  CampaignLimits: campaignLimitsSchema,
  PerCustomerLimit: perCustomerLimitSchema,
  HoldoutPercent: holdoutPercentSchema,
  Segment: segmentSchema,
  MemberCampaign: memberCampaignSchema,
  Store: storeSchema,
  PosKey: posKeyViewSchema,
  PosTransaction: posTransactionSchema,
  PosRefund: posRefundSchema,
  PurchaseLine: purchaseLineSchema,
  StaffMember: staffViewSchema,
  StaffRole: staffRoleSchema,
  MemberSession: memberSessionSchema,
  StaffSession: staffSessionSchema,
  TwoFactorEnrolment: enrolmentSchema,
  TwoFactorPolicy: twoFactorPolicySchema,
  PointsIssuedBreakdown: pointsIssuedBreakdownSchema,
  Booking: bookingViewSchema,
  Venue: venueSchema,
  WeeklyHours: weeklyHoursSchema,
  DayHours: dayHoursSchema,
  OpeningPeriod: openingPeriodSchema,
  VenueCapacity: capacitySchema,
  VenueResource: resourceSchema,
  StrikePolicy: strikePolicySchema,
  MemberVenue: memberVenueViewSchema,
  Availability: availabilitySchema,
};
