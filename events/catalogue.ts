import {
  BookingAttended,
  BookingCancelled,
  BookingConfirmed,
  BookingNoShow,
  BookingRescheduled,
  WaitlistOffered,
} from './bookings';
import { CampaignParticipated } from './campaigns';
import { CustomerErased, CustomerRegistered, CustomEventRecorded, ProfileCompleted } from './customers';
import {
  PointsAdjusted,
  PointsEarned,
  PointsExpired,
  PointsExpiring,
  PointsRedeemed,
  PointsReversed,
  PurchaseRecorded,
  RedemptionCancelled,
  RedemptionCollected,
  TierChanged,
  TierDowngradeScheduled,
  UnmatchedSaleRecorded,
} from './loyalty';
import type { EventDefinition } from './envelope';

/** The domain event catalogue: every event the platform publishes, by detail-type. */
export const catalogue = {
  CustomerRegistered,
  CustomerErased,
  PurchaseRecorded,
  UnmatchedSaleRecorded,
  PointsEarned,
  PointsReversed,
  TierChanged,
  PointsRedeemed,
  RedemptionCancelled,
  RedemptionCollected,
  PointsExpired,
  PointsExpiring,
  PointsAdjusted,
  TierDowngradeScheduled,
  CampaignParticipated,
  ProfileCompleted,
  CustomEventRecorded,
  BookingConfirmed,
  BookingCancelled,
  BookingRescheduled,
  BookingAttended,
  BookingNoShow,
  WaitlistOffered,
} as const satisfies Record<string, EventDefinition>;

export type EventName = keyof typeof catalogue;
export { detailSchemaOf, eventMetadataSchema, type EventMetadata, type EventDefinition } from './envelope';
