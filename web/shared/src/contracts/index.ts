/**
 * The platform's own request schemas, for front ends to validate with before they send: the very zod
 * schemas the API parses with, imported from `lib/` (not copied), so a form and the API never disagree.
 * Only browser-safe modules are reached from here (test/unit/web-contracts.test.ts walks the graph).
 */
export {
  campaignChangesSchema,
  campaignConditionsSchema,
  campaignDefinitionSchema,
  campaignEffectsSchema,
  campaignLimitsSchema,
  campaignStatuses,
  campaignTriggerKinds,
  campaignTriggerSchema,
  campaignVenueKinds,
  type CampaignChanges,
  type CampaignDefinition,
  type CampaignStatus,
} from '../../../../lib/campaigns/definition';
export { segmentSchema, type Segment } from '../../../../lib/campaigns/segment-schema';
export { tierCodeSchema, type TierCode } from '../../../../lib/loyalty/tiers';
export {
  VENUE_KINDS,
  venueSchema,
  WEEKDAYS,
  type Capacity,
  type OpeningPeriod,
  type Resource,
  type VenueKind,
  type Weekday,
} from '../../../../lib/bookings/model';
