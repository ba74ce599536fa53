import * as z from 'zod';

/** Every event's `detail` is `{ metadata, data }`; metadata is the same for all of them. */
export const eventMetadataSchema = z
  .object({
    eventId: z.string().min(1).max(128),
    schemaVersion: z.number().int().positive(),
    correlationId: z.string().min(1).max(128),
    occurredAt: z.iso.datetime(),
  })
  .strict();
export type EventMetadata = z.infer<typeof eventMetadataSchema>;

export interface EventDefinition<D extends z.ZodType = z.ZodType> {
  /** `sbm.crm.<service>` of the publishing service. */
  source: `sbm.crm.${string}`;
  /** A past-tense business fact. */
  detailType: string;
  schemaVersion: number;
  description: string;
  data: D;
  example: z.infer<D>;
}

export function defineEvent<D extends z.ZodType>(definition: EventDefinition<D>): EventDefinition<D> {
  return definition;
}

export function detailSchemaOf<D extends z.ZodType>(definition: Pick<EventDefinition<D>, 'data'>) {
  return z.object({ metadata: eventMetadataSchema, data: definition.data }).strict();
}
