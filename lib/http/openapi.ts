import { CONSOLE_CLIENT, CONSOLE_CLIENT_HEADER, CONSOLE_REFRESH_COOKIE } from '../auth/console-cookie';
import { rolePermissions } from '../auth/permissions';
import { declarations } from '../manifest';
import { posSigningGuide } from '../pos/signing-guide';
import type * as z from '../zod';
import { isDeepEqual, routeSchemas, usedComponents, type JsonSchema } from './openapi-schemas';
import type { ResponseSpec, RouteContract } from './route';
import { apiTags } from './tags';

const RESPONSES = '#/components/responses/';
const PARAMETERS = '#/components/parameters/';

type Schemas = ReturnType<typeof routeSchemas>;

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
  const { auth } = route;
  if (auth.kind === 'public') return auth.credential ? [{ [auth.credential]: [] }] : [];
  if (auth.kind === 'pos') return [{ posSignature: [] }];
  return [{ bearerAuth: [] }];
}

/** What the operation says beyond its summary: the route's own words, then who may call it and how. */
function descriptionOf(route: RouteContract) {
  const { auth } = route;
  const who =
    auth.kind === 'staff'
      ? `Staff whose roles grant the \`${auth.permission}\` permission (${Object.entries(rolePermissions)
          .filter(([, permissions]) => permissions.includes(auth.permission))
          .map(([role]) => `\`${role}\``)
          .join(', ')}).`
      : auth.kind === 'anyStaff'
        ? 'Any active staff member, whatever their roles; a member gets 403.'
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
    ...(spec.headers
      ? {
          headers: Object.fromEntries(
            Object.entries(spec.headers).map(([name, header]) => [
              name,
              {
                description: header.description,
                schema: { type: 'string' },
                ...(header.example === undefined ? {} : { example: header.example }),
              },
            ]),
          ),
        }
      : {}),
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
        share(shared.parameters, PARAMETERS, header.sharedAs ?? header.name, {
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

/** The OpenAPI 3.1 document of every HTTP route in the manifest, from the same zod schemas the handlers use. */
export function buildOpenApiDocument(serverUrl = '/') {
  const routes = declarations().flatMap(([name, declaration]) =>
    declaration.trigger.kind === 'http' ? [{ name, route: declaration.trigger.route as RouteContract }] : [],
  );
  const schemas = routeSchemas(routes.map(({ route }) => route));
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
        consoleRefreshCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: CONSOLE_REFRESH_COOKIE,
          description:
            `The staff console's refresh token, set by POST /v1/admin/auth/login with ${CONSOLE_CLIENT_HEADER}: ` +
            `${CONSOLE_CLIENT} and replaced by each refresh: HttpOnly, Secure, SameSite=Strict, Path=/v1/admin/auth. ` +
            `The browser sends it by itself; its routes also require ${CONSOLE_CLIENT_HEADER}: ${CONSOLE_CLIENT}.`,
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
