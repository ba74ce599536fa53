import { CustomerRegistered } from './customers';
import type { EventDefinition } from './envelope';

/** The domain event catalogue: every event the platform publishes, by detail-type. */
export const catalogue = {
  CustomerRegistered,
} as const satisfies Record<string, EventDefinition>;

export type EventName = keyof typeof catalogue;
export { detailSchemaOf, eventMetadataSchema, type EventMetadata, type EventDefinition } from './envelope';
