import * as z from '../lib/zod';
import { lazySchema } from '../lib/lazy-schema';

/** The longest event id: idempotency keys and notice ids are built from it (lib/events/event-id.ts). */
export const EVENT_ID_MAX_LENGTH = 128;

/** Every event's `detail` is `{ metadata, data }`; metadata is the same for all of them. */
export const eventMetadataSchema = lazySchema(() =>
  z.strictObject({
    eventId: z.string().check(z.minLength(1), z.maxLength(EVENT_ID_MAX_LENGTH)),
    schemaVersion: z.int().check(z.positive()),
    correlationId: z.string().check(z.minLength(1), z.maxLength(128)),
    occurredAt: z.iso.datetime(),
  }),
);
export type EventMetadata = z.infer<typeof eventMetadataSchema>;

export interface EventDefinition<D extends z.ZodMiniType = z.ZodMiniType> {
  /** `sbm.crm.<service>` of the publishing service. */
  source: `sbm.crm.${string}`;
  /** A past-tense business fact. */
  detailType: string;
  schemaVersion: number;
  description: string;
  /** The data schema (built when first used, lib/lazy-schema.ts). */
  readonly data: D;
  example: z.infer<D>;
}

/**
 * An event of the catalogue. Its schema is given as a function and built when first used, so that
 * importing the catalogue (every publisher and consumer does) builds none of them.
 */
export function defineEvent<D extends z.ZodMiniType>(
  definition: Omit<EventDefinition<D>, 'data'> & { data: () => D },
): EventDefinition<D> {
  return { ...definition, data: lazySchema(definition.data) };
}

const detailSchema = <D extends z.ZodMiniType>(data: D) =>
  z.strictObject({ metadata: eventMetadataSchema, data });
const detailSchemas = new WeakMap<object, z.ZodMiniType>();

/** The schema of an event's whole `detail`: one per event, built when first used. */
export function detailSchemaOf<D extends z.ZodMiniType>(
  definition: Pick<EventDefinition<D>, 'data'>,
): ReturnType<typeof detailSchema<D>> {
  let schema = detailSchemas.get(definition) as ReturnType<typeof detailSchema<D>> | undefined;
  if (!schema) detailSchemas.set(definition, (schema = lazySchema(() => detailSchema(definition.data))));
  return schema;
}
