import { CustomerRegistered } from './customers';
import { PointsEarned, PointsReversed, PurchaseRecorded, TierChanged } from './loyalty';
import type { EventDefinition } from './envelope';

/** The domain event catalogue: every event the platform publishes, by detail-type. */
export const catalogue = {
  CustomerRegistered,
  PurchaseRecorded,
  PointsEarned,
  PointsReversed,
  TierChanged,
} as const satisfies Record<string, EventDefinition>;

export type EventName = keyof typeof catalogue;
export { detailSchemaOf, eventMetadataSchema, type EventMetadata, type EventDefinition } from './envelope';
