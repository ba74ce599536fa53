// The OpenAPI document is generated from the manifest's route contracts with zod's own JSON Schema
// converter: every route must be there, with its parameters, body, answers and security, and what several
// routes share is given once under components.
import { describe, expect, it } from 'vitest';
import { requireIdempotencyKey } from '../../lib/http/idempotency-key';
import { buildOpenApiDocument } from '../../lib/http/openapi';
import type { RouteContract } from '../../lib/http/route';
import { declarations } from '../../lib/manifest';
import { isFreshTimestamp } from '../../lib/pos/signature';

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  required: boolean;
  schema: Record<string, unknown>;
}
type Ref = { $ref: string };
interface Response {
  description: string;
  content?: Record<string, { schema: Record<string, unknown>; example?: unknown }>;
}
interface Operation {
  operationId: string;
  description?: string;
  tags: string[];
  security: Record<string, unknown>[];
  parameters: (Parameter | Ref)[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, Response | Ref>;
}

const document = buildOpenApiDocument('https://api.example.com');
const routes = declarations().flatMap(([name, declaration]) =>
  declaration.trigger.kind === 'http' ? [{ name, route: declaration.trigger.route as RouteContract }] : [],
);
const operationOf = (route: RouteContract) =>
  (document.paths[route.path] as Record<string, Operation>)[route.method.toLowerCase()]!;
const operationNamed = (name: string) => operationOf(routes.find((route) => route.name === name)!.route);

/** What a `$ref` of the document points at. */
function resolve<T>(value: T | Ref): T {
  if (typeof value !== 'object' || value === null || !('$ref' in value)) return value;
  const found = value.$ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
  if (found === undefined) throw new Error(`${value.$ref} points at nothing`);
  return found as T;
}

/** Every `$ref` in a JSON value. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === '$ref' && typeof inner === 'string' ? [inner] : refsIn(inner),
  );
}

/** JSON Schema `pattern` and length limits as a client's validator applies them. */
const satisfies = (schema: Record<string, unknown>, value: string) =>
  new RegExp(String(schema.pattern ?? ''), 'u').test(value) &&
  value.length >= Number(schema.minLength ?? 0) &&
  value.length <= Number(schema.maxLength ?? Infinity);

describe('the OpenAPI document', () => {
  it('has every route of the manifest once, under its function name', () => {
    expect(document.openapi).toBe('3.1.0');
    for (const { name, route } of routes) expect(operationOf(route).operationId).toBe(name);
    const operations = Object.values(document.paths).flatMap((methods) => Object.keys(methods));
    expect(operations).toHaveLength(routes.length);
  });

  it('describes path and query parameters from the schemas, required as they are', () => {
    const transactions = routes.find(({ name }) => name === 'listMyTransactions')!.route;
    expect(operationOf(transactions).parameters).toEqual([
      {
        name: 'limit',
        in: 'query',
        required: false,
        description: 'The most entries to give on this page',
        schema: { default: 20, type: 'integer', minimum: 1, maximum: 100 },
      },
      {
        name: 'cursor',
        in: 'query',
        required: false,
        description: expect.stringContaining('nextCursor'),
        schema: { type: 'string', maxLength: 1024 },
      },
      expect.objectContaining({ name: 'type', in: 'query', required: false }),
    ]);
    for (const { route } of routes) {
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const inPath = operationOf(route)
        .parameters.map(resolve)
        .filter((parameter) => parameter.in === 'path');
      expect(inPath.map((parameter) => parameter.name).sort()).toEqual(names.sort());
      expect(inPath.every((parameter) => parameter.required)).toBe(true);
    }
  });

  it("filters both ledgers, the member's and staff's, by every ledger entry type, campaign bonuses too", () => {
    for (const name of ['listMyTransactions', 'listCustomerLedger']) {
      const { parameters } = operationNamed(name);
      expect(parameters.map(resolve).find((parameter) => parameter.name === 'type')?.schema).toMatchObject({
        enum: expect.arrayContaining(['earn', 'redeem', 'expire', 'bonus']),
      });
    }
  });

  it('gives request bodies as clients send them, and every error as the one Problem schema, in problem+json', () => {
    const login = operationNamed('wechatLogin');
    expect(login.requestBody!.content['application/json']!.schema).toMatchObject({
      type: 'object',
      properties: { code: expect.objectContaining({ type: 'string' }) },
      required: ['code'],
    });
    for (const { route } of routes)
      for (const [status, answer] of Object.entries(operationOf(route).responses))
        if (Number(status) >= 400)
          expect(resolve(answer).content).toEqual({
            'application/problem+json': expect.objectContaining({
              schema: { $ref: '#/components/schemas/Problem' },
            }),
          });
    expect(document.components.schemas.Problem).toMatchObject({
      required: ['type', 'title', 'status', 'code'],
      properties: expect.objectContaining({ errors: expect.objectContaining({ type: 'array' }) }),
    });
  });

  it('gives what several routes share once, under components, and refers to it', () => {
    const text = JSON.stringify(document);
    // The problem document's fields are spelled out in one place only.
    expect(text.match(/"instance":\{"type":"string"/g)).toHaveLength(1);
    expect(operationNamed('createCampaign').responses[403]).toEqual({
      $ref: '#/components/responses/PermissionMissing',
    });
    expect(operationNamed('recordPosTransaction').parameters).toContainEqual({
      $ref: '#/components/parameters/X-Pos-Signature',
    });
    // A component described where it is used is referred to all the same, with the description beside.
    const dryRun = operationNamed('dryRunCampaign').requestBody!.content['application/json']!.schema;
    expect((dryRun.properties as Record<string, unknown>).customerTier).toEqual({
      $ref: '#/components/schemas/TierCode',
      description: expect.any(String),
    });
    // Every reference resolves, and every component is referred to.
    const refs = new Set(refsIn(document));
    for (const ref of refs) expect(() => resolve({ $ref: ref })).not.toThrow();
    for (const [kind, components] of Object.entries(document.components).filter(
      ([kind]) => kind !== 'securitySchemes',
    ))
      for (const name of Object.keys(components)) expect(refs).toContain(`#/components/${kind}/${name}`);
  });

  it('repeats no schema of any size: one used in several places is a component', () => {
    const seen = new Map<string, number>();
    const visit = (value: unknown) => {
      if (typeof value !== 'object' || value === null) return;
      const text = JSON.stringify(value);
      if (!Array.isArray(value) && 'type' in value && text.length > 300)
        seen.set(text, (seen.get(text) ?? 0) + 1);
      // Examples are data, not schemas: the same member may well appear in several.
      Object.entries(value).forEach(([key, inner]) => key !== 'example' && visit(inner));
    };
    // A component's as-sent twin (CampaignTriggerInput) repeats the parts that read the same both ways.
    const schemas = document.components.schemas as Record<string, unknown>;
    visit({
      ...document,
      components: {
        ...document.components,
        schemas: Object.fromEntries(
          Object.entries(schemas).filter(
            ([name]) => !(name.endsWith('Input') && name.slice(0, -5) in schemas),
          ),
        ),
      },
    });
    expect([...seen].filter(([, count]) => count > 1).map(([text]) => text.slice(0, 120))).toEqual([]);
  });

  it('describes every field of a body or a successful answer whose name does not say it all', () => {
    // Names whose meaning is plain, wherever they occur; any other field needs a description.
    const plain = new Set([
      ...['id', 'customerId', 'storeId', 'rewardId', 'campaignId', 'redemptionId', 'adjustmentId'],
      ...['transactionId', 'refundId', 'messageId', 'name', 'rewardName', 'email', 'password', 'gender'],
      ...['title', 'body', 'description', 'code', 'sku', 'quantity', 'roles', 'items', 'stores', 'day'],
      ...['createdAt', 'updatedAt', 'exportedAt', 'readAt', 'passed', 'pointsSpent', 'issued', 'expired'],
      // Fields of an object described as a whole.
      ...['benefits', 'qualifyingPoints', 'within30Days', 'within60Days', 'within90Days'],
    ]);
    const undescribed: string[] = [];
    const visit = (schema: unknown, path: string) => {
      if (typeof schema !== 'object' || schema === null) return;
      const node = schema as Record<string, unknown>;
      for (const key of ['oneOf', 'anyOf'])
        (node[key] as unknown[] | undefined)?.forEach((option, index) => visit(option, `${path}|${index}`));
      if (node.items) visit(node.items, `${path}[]`);
      for (const [name, property] of Object.entries((node.properties ?? {}) as Record<string, Json>)) {
        // A constant says what it is; a component is described where it is defined.
        const selfEvident = plain.has(name) || 'const' in property || '$ref' in property;
        if (!selfEvident && !property.description) undescribed.push(`${path}.${name}`);
        visit(property, `${path}.${name}`);
      }
    };
    for (const [name, schema] of Object.entries(document.components.schemas)) visit(schema, name);
    for (const { name, route } of routes) {
      const operation = operationOf(route);
      visit(operation.requestBody?.content['application/json']?.schema, `${name} body`);
      for (const [status, answer] of Object.entries(operation.responses))
        if (Number(status) < 300)
          visit(resolve(answer).content?.['application/json']?.schema, `${name} ${status}`);
    }
    expect(undescribed).toEqual([]);
  });

  it('documents headers with the constraints the routes enforce', () => {
    const parameter = (name: string) => resolve<Parameter>({ $ref: `#/components/parameters/${name}` });
    const idempotencyKey = parameter('Idempotency-Key');
    expect(idempotencyKey).toMatchObject({ in: 'header', required: true });
    expect(idempotencyKey.schema).toMatchObject({ type: 'string', minLength: 8, maxLength: 128 });
    for (const key of ['6f1c2a9e-3b7d-4c1e', 'short', 'has space in it', 'x'.repeat(129), 'a.b:c_d-e'])
      expect(satisfies(idempotencyKey.schema, key)).toBe(
        (() => {
          try {
            return requireIdempotencyKey({ 'idempotency-key': key }) === key;
          } catch {
            return false;
          }
        })(),
      );
    const timestamp = parameter('X-Pos-Timestamp').schema;
    for (const value of ['1795600000', '17956e5', '179560000000', ''])
      expect(satisfies(timestamp, value)).toBe(isFreshTimestamp(value, Number(value) || 0));
    expect(parameter('X-Pos-Signature').schema).toMatchObject({ pattern: '^v1=[0-9a-f]{64}$' });
    expect(parameter('X-Pos-Key').schema).toMatchObject({ pattern: '^[A-Za-z0-9-]{1,64}$' });
  });

  it('tells on every POS route how to sign, with a worked example', () => {
    const posRoutes = routes.filter(({ route }) => route.auth.kind === 'pos');
    expect(posRoutes.length).toBeGreaterThan(0);
    for (const { route } of posRoutes) {
      const { description, parameters } = operationOf(route);
      for (const fact of [
        '`<X-Pos-Timestamp>.<raw body>`',
        'HMAC-SHA256',
        '`v1=`',
        'lower-case hex',
        'within 300 s',
        'openssl dgst -sha256 -hmac',
        // Computed independently in test/unit/pos-signature.test.ts.
        'v1=5af39dd841e33703108adfeddfa0db71b95fa16a467acd7b709a0f95d146c851',
        '24 hours',
        '401 `POS_SIGNATURE_INVALID`',
      ])
        expect(description).toContain(fact);
      expect(parameters).toEqual(
        ['X-Pos-Key', 'X-Pos-Timestamp', 'X-Pos-Signature'].map((name) => ({
          $ref: `#/components/parameters/${name}`,
        })),
      );
    }
  });

  it('names the permission and the roles that grant it on every staff route', () => {
    expect(operationNamed('adjustPoints').description).toContain(
      'Staff whose roles grant the `loyalty:adjust` permission (`admin`, `support`).',
    );
    for (const { route } of routes)
      if (route.auth.kind === 'staff')
        expect(operationOf(route).description).toContain(route.auth.permission);
  });

  it("documents the console's cookie as the credential of its refresh and sign-out, with why no CSRF token is needed", () => {
    expect(document.components.securitySchemes).toMatchObject({
      consoleRefreshCookie: { type: 'apiKey', in: 'cookie', name: 'sbm_console_refresh' },
    });
    const cookieRoutes = routes.filter(({ route }) =>
      operationOf(route).security.some((requirement) => 'consoleRefreshCookie' in requirement),
    );
    expect(cookieRoutes.map(({ name }) => name).sort()).toEqual(['consoleLogout', 'consoleRefresh']);
    for (const { route } of cookieRoutes) {
      const operation = operationOf(route);
      expect(operation.security).toEqual([{ consoleRefreshCookie: [] }]);
      expect(operation.description).toMatch(
        /SameSite=Strict.*X-Sbm-Client.*Access-Control-Allow-Credentials/s,
      );
      expect(operation.parameters).toEqual([{ $ref: '#/components/parameters/X-Sbm-Client' }]);
      expect(resolve<Response>(operation.responses[403]!).description).toContain('CONSOLE_HEADER_REQUIRED');
    }
    expect(resolve<Parameter>({ $ref: '#/components/parameters/X-Sbm-Client' })).toMatchObject({
      in: 'header',
      required: true,
      schema: { const: 'console' },
    });
    // Sign-in takes the same header, optionally, and says what it changes.
    const signIn = operationNamed('adminLogin');
    expect(signIn.security).toEqual([]);
    expect(resolve<Parameter>(signIn.parameters[0]!)).toMatchObject({
      name: 'X-Sbm-Client',
      required: false,
    });
    const answer = resolve(signIn.responses[200]!) as Response & {
      headers?: Record<string, { example?: string }>;
    };
    expect(answer.headers?.['Set-Cookie']?.example).toMatch(
      /^sbm_console_refresh=[\w-]+; HttpOnly; Secure; SameSite=Strict; Path=\/v1\/admin\/auth; Max-Age=2592000$/,
    );
    const session = resolve(answer.content!['application/json']!.schema as { required: string[] });
    expect(session.required).toContain('accessToken');
    expect(session.required).not.toContain('refreshToken');
  });

  it('takes a bearer token on the route for any staff member, and says who may call it', () => {
    const me = operationNamed('staffMe');
    expect(me.security).toEqual([{ bearerAuth: [] }]);
    expect(me.description).toContain('Any active staff member, whatever their roles');
  });

  it('describes every tag it uses, in a license it names', () => {
    const used = new Set(routes.map(({ route }) => route.tag));
    expect(document.tags.map((tag) => tag.name).sort()).toEqual([...used].sort());
    for (const tag of document.tags) expect(tag.description.length).toBeGreaterThan(20);
    expect(document.info.license).toEqual({ name: 'Apache-2.0', identifier: 'Apache-2.0' });
  });

  it('names string formats instead of spelling out patterns, and defines every security scheme it uses', () => {
    const text = JSON.stringify(document);
    expect(text).toContain('"format":"date-time"');
    expect(text).not.toMatch(/"format":"date-time","pattern"|"pattern":"[^"]*","format":"date-time"/);
    const used = new Set(
      routes.flatMap(({ route }) =>
        operationOf(route).security.flatMap((requirement) => Object.keys(requirement)),
      ),
    );
    expect([...used].sort()).toEqual(Object.keys(document.components.securitySchemes).sort());
  });
});
