import * as z from 'zod';

/** A value built on its first use and kept: most functions import the catalogue and use few of its events. */
function builtOnce<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}

/** Every event's `detail` is `{ metadata, data }`; metadata is the same for all of them. */
export const eventMetadataSchema = builtOnce(() =>
  z
    .object({
      eventId: z.string().min(1).max(128),
      schemaVersion: z.number().int().positive(),
      correlationId: z.string().min(1).max(128),
      occurredAt: z.iso.datetime(),
    })
    .strict(),
);
export type EventMetadata = z.infer<ReturnType<typeof eventMetadataSchema>>;

export interface EventDefinition<D extends z.ZodType = z.ZodType> {
  /** `sbm.crm.<service>` of the publishing service. */
  source: `sbm.crm.${string}`;
  /** A past-tense business fact. */
  detailType: string;
  schemaVersion: number;
  description: string;
  /** The data schema (built when first read). */
  readonly data: D;
  example: z.infer<D>;
}

/**
 * An event of the catalogue. Its schema is given as a function and built when first needed, so that
 * importing the catalogue (every publisher and consumer does) costs a cold start nothing.
 */
export function defineEvent<D extends z.ZodType>(
  definition: Omit<EventDefinition<D>, 'data'> & { data: () => D },
): EventDefinition<D> {
  const { data, ...rest } = definition;
  const schema = builtOnce(data);
  return {
    ...rest,
    get data() {
      return schema();
    },
  };
}

const detailSchemas = new WeakMap<object, z.ZodType>();

/** The schema of an event's whole `detail`, built once per event. */
export function detailSchemaOf<D extends z.ZodType>(definition: Pick<EventDefinition<D>, 'data'>) {
  const build = () => z.object({ metadata: eventMetadataSchema(), data: definition.data }).strict();
  let schema = detailSchemas.get(definition) as ReturnType<typeof build> | undefined;
  if (!schema) detailSchemas.set(definition, (schema = build()));
  return schema;
}
