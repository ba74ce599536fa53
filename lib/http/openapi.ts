import { declarations } from '../manifest';
import * as z from '../zod';
import type { RouteContract } from './route';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };

/**
 * A schema as OpenAPI 3.1 takes it (JSON Schema 2020-12), from zod's own converter: what a client sends
 * (`input`: defaults optional, coercions' input) or what it receives (`output`). String formats are
 * named rather than spelled out as zod's patterns, and integers keep no safe-integer bounds.
 */
function jsonSchema(schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _, ...converted } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return tidy(converted) as JsonSchema;
}

function tidy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(tidy);
  if (typeof value !== 'object' || value === null) return value;
  const node = Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, tidy(inner)]));
  if (typeof node.format === 'string') delete node.pattern;
  if (node.type === 'integer') {
    if (node.maximum === Number.MAX_SAFE_INTEGER) delete node.maximum;
    if (node.minimum === Number.MIN_SAFE_INTEGER) delete node.minimum;
  }
  return node;
}

/** An object schema's fields as OpenAPI parameters of one place (path or query). */
function parametersOf(schema: z.ZodMiniType | undefined, place: 'path' | 'query') {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input');
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

function operationOf(name: string, route: RouteContract) {
  return {
    operationId: name,
    summary: route.summary,
    ...(route.description && { description: route.description }),
    tags: [route.tag],
    security: securityOf(route),
    parameters: [
      ...parametersOf(route.params, 'path'),
      ...parametersOf(route.query, 'query'),
      ...(route.headers ?? []).map((header) => ({
        name: header.name,
        in: 'header',
        required: header.required,
        description: header.description,
        schema: { type: 'string' },
      })),
    ],
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
          },
        }
      : {}),
    responses: Object.fromEntries(
      Object.entries(route.responses).map(([status, spec]) => [
        status,
        {
          description: spec.description,
          ...(spec.schema
            ? {
                content: {
                  [Number(status) >= 400 ? 'application/problem+json' : 'application/json']: {
                    schema: jsonSchema(spec.schema, 'output'),
                  },
                },
              }
            : {}),
        },
      ]),
    ),
  };
}

/** The OpenAPI 3.1 document of every HTTP route in the manifest, from the same zod schemas the handlers use. */
export function buildOpenApiDocument(serverUrl = '/') {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, declaration] of declarations()) {
    if (declaration.trigger.kind !== 'http') continue;
    const route = declaration.trigger.route as RouteContract;
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operationOf(name, route) };
  }
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
        '`ROUTE_NOT_FOUND`. Times are ISO 8601 with `Z` or an offset; answers give them in UTC.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        posSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'x-pos-signature',
          description:
            "`v1=` and the hex HMAC-SHA256 of `<x-pos-timestamp>.<raw body>` under the POS key's secret; sent with x-pos-key and x-pos-timestamp. Any of them missing, a key not in use or a wrong signature: 401 POS_SIGNATURE_INVALID.",
        },
      },
    },
    paths,
  };
}
