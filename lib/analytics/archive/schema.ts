/**
 * The event archive's one table, as both engines read it: its columns are generated from the catalogue's
 * zod schemas, so an event field added to the catalogue is a column in Glue (for Firehose's Parquet
 * conversion and Athena) and in DuckDB (over the local NDJSON files) without a hand-kept list.
 *
 * A record is an EventBridge event reshaped by the rule's input transformer (and by the local cloud the
 * same way): `{ id, detail_type, source, time, detail: { metadata, data } }`. `data` is one struct holding
 * the fields of every event: a report reads `detail.data.amount` where `event = 'PurchaseRecorded'`.
 * Two events may share a field name only with one type, which `archiveColumns` checks.
 *
 * The files are partitioned `event=<detail-type>/day=<YYYY-MM-DD>/`, the day being the business day of
 * `detail.metadata.occurredAt` in the programme's time zone. Field names keep the catalogue's camelCase:
 * Glue lowercases them and both engines match struct fields without regard to case.
 */
import { PROGRAMME_TIME_ZONE, programmeToday } from '../../calendar';
import * as z from '../../zod';
import { catalogue, eventMetadataSchema, type EventDefinition } from '../../../events/catalogue';

export type ColumnType =
  | { kind: 'string' }
  | { kind: 'bigint' }
  | { kind: 'double' }
  | { kind: 'boolean' }
  | { kind: 'array'; of: ColumnType }
  | { kind: 'struct'; fields: Field[] };
export interface Field {
  name: string;
  type: ColumnType;
}

/** The partition columns, in path order: both are strings (`day` compares as `YYYY-MM-DD`). */
export const PARTITION_COLUMNS = ['event', 'day'] as const;

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: unknown;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
}

/** A JSON Schema (from zod) as a column type: unions of objects merge their fields. */
function columnTypeOf(schema: JsonSchema, path: string): ColumnType {
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants) {
    const types = variants.filter((variant) => variant.type !== 'null').map((v) => columnTypeOf(v, path));
    return types.reduce((merged, next) => mergeTypes(merged, next, path));
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return { kind: 'string' };
    case 'integer':
      return { kind: 'bigint' };
    case 'number':
      return { kind: 'double' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'array':
      if (!schema.items) throw new Error(`${path}: a list needs an item type to be archived`);
      return { kind: 'array', of: columnTypeOf(schema.items, `${path}[]`) };
    case 'object':
      if (
        !schema.properties ||
        schema.additionalProperties === true ||
        typeof schema.additionalProperties === 'object'
      )
        throw new Error(`${path}: an object with open keys cannot be a column; give it its fields`);
      return {
        kind: 'struct',
        fields: Object.entries(schema.properties).map(([name, field]) => ({
          name,
          type: columnTypeOf(field, `${path}.${name}`),
        })),
      };
    default:
      if (schema.const !== undefined || schema.enum) return { kind: 'string' };
      throw new Error(`${path}: ${JSON.stringify(schema)} has no column type`);
  }
}

const sameType = (a: ColumnType, b: ColumnType) => JSON.stringify(a) === JSON.stringify(b);

/** Two types of one field: equal, or structs whose fields merge. */
function mergeTypes(a: ColumnType, b: ColumnType, path: string): ColumnType {
  if (a.kind === 'struct' && b.kind === 'struct')
    return { kind: 'struct', fields: mergeFields(a.fields, b.fields, path) };
  if (sameType(a, b)) return a;
  throw new Error(`${path} is ${describe(a)} in one event and ${describe(b)} in another: one name, one type`);
}

function mergeFields(a: Field[], b: Field[], path: string): Field[] {
  const merged = a.map((field) => ({ ...field }));
  for (const field of b) {
    const same = merged.find((existing) => existing.name.toLowerCase() === field.name.toLowerCase());
    if (!same) merged.push(field);
    else if (same.name !== field.name)
      throw new Error(
        `${path}.${field.name} and ${path}.${same.name} differ in case alone: Glue cannot tell them apart`,
      );
    else same.type = mergeTypes(same.type, field.type, `${path}.${field.name}`);
  }
  return merged;
}

const describe = (type: ColumnType): string =>
  type.kind === 'array'
    ? `a list of ${describe(type.of)}`
    : type.kind === 'struct'
      ? 'an object'
      : `a ${type.kind}`;

const jsonSchemaOf = (schema: z.ZodMiniType) =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'throw' }) as JsonSchema;

/** The `data` struct of the archive: the fields of every event of the catalogue, merged. */
export function dataColumnOf(events: Record<string, Pick<EventDefinition, 'data'>> = catalogue): ColumnType {
  return Object.entries(events)
    .map(([name, event]) => columnTypeOf(jsonSchemaOf(event.data), `${name}.data`))
    .reduce((merged, next) => mergeTypes(merged, next, 'data'));
}

/** The archive table's columns (the partition columns come from the path, not the record). */
export function archiveColumns(events: Record<string, Pick<EventDefinition, 'data'>> = catalogue): Field[] {
  return [
    { name: 'id', type: { kind: 'string' } },
    { name: 'detail_type', type: { kind: 'string' } },
    { name: 'source', type: { kind: 'string' } },
    { name: 'time', type: { kind: 'string' } },
    {
      name: 'detail',
      type: {
        kind: 'struct',
        fields: [
          { name: 'metadata', type: columnTypeOf(jsonSchemaOf(eventMetadataSchema), 'metadata') },
          { name: 'data', type: dataColumnOf(events) },
        ],
      },
    },
  ];
}

/** A column type as Glue (Hive DDL) writes it: `struct<customerid:string,amount:bigint>`. */
export function hiveType(type: ColumnType): string {
  switch (type.kind) {
    case 'array':
      return `array<${hiveType(type.of)}>`;
    case 'struct':
      return `struct<${type.fields.map((field) => `${field.name.toLowerCase()}:${hiveType(field.type)}`).join(',')}>`;
    default:
      return type.kind;
  }
}

const DUCKDB_SCALARS = { string: 'VARCHAR', bigint: 'BIGINT', double: 'DOUBLE', boolean: 'BOOLEAN' } as const;

/** A column type as DuckDB writes it: `STRUCT("customerId" VARCHAR, "amount" BIGINT)`. */
export function duckdbType(type: ColumnType): string {
  switch (type.kind) {
    case 'array':
      return `${duckdbType(type.of)}[]`;
    case 'struct':
      return `STRUCT(${type.fields.map((field) => `"${field.name}" ${duckdbType(field.type)}`).join(', ')})`;
    default:
      return DUCKDB_SCALARS[type.kind];
  }
}

/** One archived event: an EventBridge event reshaped as the rule's input transformer does. */
export interface ArchiveRecord {
  id: string;
  detail_type: string;
  source: string;
  time: string;
  detail: { metadata: { occurredAt: string } & Record<string, unknown>; data: Record<string, unknown> };
}

export const archiveRecordOf = (event: {
  id: string;
  'detail-type': string;
  source: string;
  time: string;
  detail: unknown;
}): ArchiveRecord => ({
  id: event.id,
  detail_type: event['detail-type'],
  source: event.source,
  time: event.time,
  detail: event.detail as ArchiveRecord['detail'],
});

/**
 * Where a record is filed: its event and the business day of its `occurredAt` in the programme's time
 * zone (Firehose computes the same day with a jq expression, cdk/constructs/event-archive.ts).
 */
export const archivePartitionOf = (record: ArchiveRecord, timeZone = PROGRAMME_TIME_ZONE) => ({
  event: record.detail_type,
  day: programmeToday(new Date(record.detail.metadata.occurredAt), timeZone),
});
