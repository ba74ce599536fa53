import { rolePermissions, type StaffRole } from '../auth/permissions';
import { schemaBehind } from '../lazy-schema';
import { declarations } from '../manifest';
import { posSigningGuide } from '../pos/signing-guide';
import * as z from '../zod';
import { componentSchemas } from './openapi-components';
import type { ResponseSpec, RouteContract } from './route';
import { apiTags } from './tags';

type Json = Record<string, unknown>;
type JsonSchema = Json & { properties?: Record<string, JsonSchema>; required?: string[] };
type Direction = 'input' | 'output';

const SCHEMAS = '#/components/schemas/';
const RESPONSES = '#/components/responses/';
const PARAMETERS = '#/components/parameters/';

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
function convertRoutes(routes: RouteContract[]) {
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

const isDeepEqual = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

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

type Schemas = ReturnType<typeof convertRoutes>;

/** An object schema's fields as OpenAPI parameters of one place (path or query). */
function parametersOf(schemas: Schemas, schema: z.ZodMiniType | undefined, place: 'path' | 'query') {
  if (!schema) return [];
  const object = schemas.input(schema);
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: place,
      required: place === 'path' || (object.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function securityOf(route: RouteContract) {
  if (route.auth.kind === 'public') return [];
  if (route.auth.kind === 'pos') return [{ posSignature: [] }];
  return [{ bearerAuth: [] }];
}

/** What the operation says beyond its summary: the route's own words, then who may call it and how. */
function descriptionOf(route: RouteContract) {
  const { auth } = route;
  const who =
    auth.kind === 'staff'
      ? `Staff whose roles grant the \`${auth.permission}\` permission (${Object.entries(rolePermissions)
          .filter(([, permissions]) => permissions.includes(auth.permission))
          .map(([role]) => `\`${role as StaffRole}\``)
          .join(', ')}).`
      : auth.kind === 'pos'
        ? posSigningGuide
        : undefined;
  return [route.description, who].filter(Boolean).join('\n\n') || undefined;
}

function mediaType(schema: JsonSchema, example: unknown) {
  return { schema, ...(example === undefined ? {} : { example }) };
}

function responseOf(schemas: Schemas, status: string, spec: ResponseSpec) {
  return {
    description: spec.description,
    ...(spec.schema
      ? {
          content: {
            [Number(status) >= 400 ? 'application/problem+json' : 'application/json']: mediaType(
              schemas.output(spec.schema),
              spec.example,
            ),
          },
        }
      : {}),
  };
}

/** Answers and headers given once under components and referenced by the operations that have them. */
interface Shared {
  responses: Map<string, unknown>;
  parameters: Map<string, unknown>;
}

/** A reference to `value`, kept under `name` in `shared`; two different values cannot share a name. */
function share(shared: Map<string, unknown>, prefix: string, name: string, value: unknown) {
  if (shared.has(name) && !isDeepEqual(shared.get(name), value))
    throw new Error(`Two different definitions share the name ${name}`);
  shared.set(name, value);
  return { $ref: `${prefix}${name}` };
}

function operationOf(schemas: Schemas, shared: Shared, name: string, route: RouteContract) {
  const description = descriptionOf(route);
  return {
    operationId: name,
    summary: route.summary,
    ...(description && { description }),
    tags: [route.tag],
    security: securityOf(route),
    parameters: [
      ...parametersOf(schemas, route.params, 'path'),
      ...parametersOf(schemas, route.query, 'query'),
      ...(route.headers ?? []).map((header) =>
        share(shared.parameters, PARAMETERS, header.name, {
          name: header.name,
          in: 'header',
          required: header.required,
          description: header.description,
          schema: schemas.input(header.schema),
          ...(header.example === undefined ? {} : { example: header.example }),
        }),
      ),
    ],
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': mediaType(schemas.input(route.body), route.bodyExample) },
          },
        }
      : {}),
    responses: Object.fromEntries(
      Object.entries(route.responses).map(([status, spec]) => {
        const response = responseOf(schemas, status, spec);
        return [
          status,
          spec.sharedAs ? share(shared.responses, RESPONSES, spec.sharedAs, response) : response,
        ];
      }),
    ),
  };
}

/** The components the document refers to, and those they refer to in turn. */
function usedComponents(document: unknown, components: Map<string, JsonSchema>) {
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

/** The OpenAPI 3.1 document of every HTTP route in the manifest, from the same zod schemas the handlers use. */
export function buildOpenApiDocument(serverUrl = '/') {
  const routes = declarations().flatMap(([name, declaration]) =>
    declaration.trigger.kind === 'http' ? [{ name, route: declaration.trigger.route as RouteContract }] : [],
  );
  const schemas = convertRoutes(routes.map(({ route }) => route));
  const shared: Shared = { responses: new Map(), parameters: new Map() };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { name, route } of routes)
    paths[route.path] = {
      ...paths[route.path],
      [route.method.toLowerCase()]: operationOf(schemas, shared, name, route),
    };
  const usedTags = new Set(routes.map(({ route }) => route.tag));
  return {
    openapi: '3.1.0',
    info: {
      title: 'SBM CRM API',
      version: '1.0.0',
      description:
        'Loyalty and customer platform for shopping mall groups. Errors are RFC 9457 application/problem+json ' +
        'with a stable `code`. A request that does not match its schema gets 400 `VALIDATION_FAILED` listing ' +
        'each failing field once, as a sentence naming it (`customerId is required`). A path called with a ' +
        'method it does not have gets 405 `METHOD_NOT_ALLOWED` with an `Allow` header; an unknown path 404 ' +
        '`ROUTE_NOT_FOUND`. Times are ISO 8601 with `Z` or an offset; answers give them in UTC. Money is an ' +
        'integer number of fen (1 CNY = 100 fen).',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: serverUrl }],
    tags: Object.entries(apiTags)
      .filter(([name]) => usedTags.has(name as keyof typeof apiTags))
      .map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: usedComponents(
        [paths, ...shared.responses.values(), ...shared.parameters.values()],
        schemas.components,
      ),
      responses: Object.fromEntries(shared.responses),
      parameters: Object.fromEntries(shared.parameters),
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'The access token of a sign-in: POST /v1/auth/wechat/login for members, POST /v1/admin/auth/login for ' +
            'staff. It lasts `expiresIn` seconds; POST /v1/auth/refresh exchanges the refresh token for new ones.',
        },
        posSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Pos-Signature',
          description:
            "`v1=` and the hex HMAC-SHA256 of `<X-Pos-Timestamp>.<raw body>` under the POS key's secret, sent with " +
            'X-Pos-Key and X-Pos-Timestamp; each POS operation tells how to sign. Any of them missing, a key not ' +
            'in use or a wrong signature: 401 POS_SIGNATURE_INVALID.',
        },
      },
    },
  };
}
