// The OpenAPI document is generated from the manifest's route contracts with zod's own JSON Schema
// converter: every route must be there, with its parameters, body, answers and security.
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../lib/http/openapi';
import type { RouteContract } from '../../lib/http/route';
import { declarations } from '../../lib/manifest';

interface Operation {
  operationId: string;
  security: Record<string, unknown>[];
  parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

const document = buildOpenApiDocument('https://api.example.com');
const routes = declarations().flatMap(([name, declaration]) =>
  declaration.trigger.kind === 'http' ? [{ name, route: declaration.trigger.route as RouteContract }] : [],
);
const operationOf = (route: RouteContract) =>
  (document.paths[route.path] as Record<string, Operation>)[route.method.toLowerCase()]!;

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
        schema: { default: 20, type: 'integer', minimum: 1, maximum: 100 },
      },
      { name: 'cursor', in: 'query', required: false, schema: { type: 'string', maxLength: 1024 } },
      expect.objectContaining({ name: 'type', in: 'query', required: false }),
    ]);
    for (const { route } of routes) {
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const inPath = operationOf(route).parameters.filter((parameter) => parameter.in === 'path');
      expect(inPath.map((parameter) => parameter.name).sort()).toEqual(names.sort());
      expect(inPath.every((parameter) => parameter.required)).toBe(true);
    }
  });

  it("filters both ledgers, the member's and staff's, by every ledger entry type, campaign bonuses too", () => {
    for (const name of ['listMyTransactions', 'listCustomerLedger']) {
      const { parameters } = operationOf(routes.find((route) => route.name === name)!.route);
      expect(parameters.find((parameter) => parameter.name === 'type')?.schema).toMatchObject({
        enum: expect.arrayContaining(['earn', 'redeem', 'expire', 'bonus']),
      });
    }
  });

  it('gives request bodies as clients send them, and errors as problem+json', () => {
    const login = operationOf(routes.find(({ name }) => name === 'wechatLogin')!.route);
    expect(login.requestBody!.content['application/json']!.schema).toMatchObject({
      type: 'object',
      properties: { code: expect.objectContaining({ type: 'string' }) },
      required: ['code'],
    });
    for (const { route } of routes)
      for (const [status, answer] of Object.entries(operationOf(route).responses))
        if (Number(status) >= 400 && answer.content)
          expect(Object.keys(answer.content)).toEqual(['application/problem+json']);
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
