import { schemaBehind } from '../lazy-schema';
import * as z from '../zod';
import { componentSchemas } from './openapi-components';
import type { RouteContract } from './route';

type Json = Record<string, unknown>;
export type JsonSchema = Json & { properties?: Record<string, JsonSchema>; required?: string[] };
type Direction = 'input' | 'output';

const SCHEMAS = '#/components/schemas/';

/** Whether two JSON values are the same, as the document would write them. */
export const isDeepEqual = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A JSON value with every object in it replaced by what `visit` makes of it, innermost first. */
function mapObjects(value: unknown, visit: (node: Json) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => mapObjects(item, visit));
  if (typeof value !== 'object' || value === null) return value;
  return visit(
    Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, mapObjects(inner, visit)])),
  );
}

/** String formats are named rather than spelled out as zod's patterns; integers keep no safe-integer bounds. */
const tidy = (schema: unknown) =>
  mapObjects(schema, (node) => {
    if (typeof node.format === 'string') delete node.pattern;
    if (node.type === 'integer') {
      if (node.maximum === Number.MAX_SAFE_INTEGER) delete node.maximum;
      if (node.minimum === Number.MIN_SAFE_INTEGER) delete node.minimum;
    }
    return node;
  }) as JsonSchema;

/** The component a `$ref` names, if it names one. */
const componentOf = (node: Json) =>
  typeof node.$ref === 'string' && node.$ref.startsWith(SCHEMAS)
    ? node.$ref.slice(SCHEMAS.length)
    : undefined;

/**
 * The schemas of one direction as OpenAPI 3.1 takes them (JSON Schema 2020-12), from zod's own converter
 * in one pass: what a client sends (`input`: defaults optional, coercions' input) or what it receives
 * (`output`). A schema of `componentSchemas` is referenced by name wherever it occurs; any other is
 * written out where it is used.
 */
function convert(direction: Direction, used: Iterable<z.ZodMiniType>) {
  const registry = z.registry<{ id: string }>();
  // The schema behind a lazy one first: a component's id then names the lazy schema the routes use.
  for (const [name, schema] of Object.entries(componentSchemas))
    registry.add(schemaBehind(schema), { id: name }).add(schema, { id: name });
  const unnamed = new Map<z.ZodMiniType, string>();
  for (const schema of used)
    if (!registry.has(schema) && !unnamed.has(schema)) {
      unnamed.set(schema, `unnamed ${unnamed.size}`);
      registry.add(schema, { id: unnamed.get(schema)! });
    }
  const { schemas } = z.toJSONSchema(registry, {
    io: direction,
    unrepresentable: 'any',
    uri: (id) => `${SCHEMAS}${id}`,
  });
  // Schemas zod could not place under an id (parts of a cycle) would land here; no route has any.
  if ('__shared' in schemas)
    throw new Error('A schema of a route refers to itself; name it in componentSchemas');
  const converted = new Map(
    Object.entries(schemas).map(([id, { $schema: _, $id: __, ...schema }]) => [id, tidy(schema)]),
  );
  const unnamedIds = new Set(unnamed.values());
  const writtenOut = (schema: unknown): JsonSchema =>
    mapObjects(schema, (node) => {
      const id = componentOf(node);
      if (!id || !unnamedIds.has(id)) return node;
      const { $ref: _, ...siblings } = node;
      return { ...writtenOut(converted.get(id)), ...siblings };
    }) as JsonSchema;
  return {
    schemaOf: (schema: z.ZodMiniType): JsonSchema =>
      unnamed.has(schema)
        ? writtenOut(converted.get(unnamed.get(schema)!))
        : { $ref: `${SCHEMAS}${registry.get(schema)!.id}` },
    components: new Map(Object.keys(componentSchemas).map((name) => [name, writtenOut(converted.get(name))])),
  };
}

/**
 * The schemas of every route in both directions. A component that reads differently as sent (a default
 * makes a field optional, say), or holds one that does, is named `<name>Input` where clients send it.
 */
export function routeSchemas(routes: RouteContract[]) {
  const input = convert(
    'input',
    routes.flatMap((route) =>
      [route.params, route.query, route.body, ...(route.headers ?? []).map((header) => header.schema)].filter(
        (schema) => schema !== undefined,
      ),
    ),
  );
  const output = convert(
    'output',
    routes.flatMap((route) => Object.values(route.responses).flatMap((spec) => spec.schema ?? [])),
  );
  const differs = new Set(
    [...input.components]
      .filter(([name, schema]) => !isDeepEqual(schema, output.components.get(name)))
      .map(([name]) => name),
  );
  let grown = true;
  while (grown) {
    grown = false;
    for (const [name, schema] of input.components)
      if (!differs.has(name) && referencesOf(schema).some((id) => differs.has(id))) {
        differs.add(name);
        grown = true;
      }
  }
  const asSent = (schema: JsonSchema) =>
    mapObjects(schema, (node) => {
      const id = componentOf(node);
      return id && differs.has(id) ? { ...node, $ref: `${SCHEMAS}${id}Input` } : node;
    }) as JsonSchema;
  return {
    input: (schema: z.ZodMiniType) => asSent(input.schemaOf(schema)),
    output: output.schemaOf,
    components: new Map([
      ...output.components,
      ...[...differs].map((name) => [`${name}Input`, asSent(input.components.get(name)!)] as const),
    ]),
  };
}

/** The components a JSON value refers to. */
function referencesOf(value: unknown): string[] {
  const found: string[] = [];
  mapObjects(value, (node) => {
    const id = componentOf(node);
    if (id) found.push(id);
    return node;
  });
  return found;
}

/** The components the document refers to, and those they refer to in turn. */
export function usedComponents(document: unknown, components: Map<string, JsonSchema>) {
  const used = new Set<string>();
  const visit = (value: unknown) => {
    for (const name of referencesOf(value))
      if (!used.has(name)) {
        used.add(name);
        visit(components.get(name));
      }
  };
  visit(document);
  return Object.fromEntries(
    [...components].filter(([name]) => used.has(name)).sort(([a], [b]) => a.localeCompare(b)),
  );
}
