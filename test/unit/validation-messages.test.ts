// Validation errors as clients read them: one sentence per failing field, naming it, from the one error mapper.
import { describe, expect, it } from 'vitest';
import * as z from '../../lib/zod';
import { httpHandler } from '../../lib/http/handler';
import { fieldErrorsFrom } from '../../lib/http/problem';
import { defineRoute } from '../../lib/http/route';
import { momentSchema } from '../../lib/http/time-inputs';
import { campaignDefinitionSchema } from '../../lib/campaigns/model';
import { rewardInputSchema } from '../../lib/rewards/schemas';
import { apiEvent, lambdaContext } from '../support/lambda';

const saleSchema = z.strictObject({
  customerId: z.string().check(z.trim(), z.minLength(1), z.maxLength(8)),
  storeId: z.string().check(z.regex(/^[a-z-]+$/, 'must be lower-case letters and dashes')),
  amount: z.int().check(z.gte(0), z.lte(100)),
  quantity: z.int().check(z.positive()),
  occurredAt: momentSchema,
  channel: z.enum(['till', 'app', 'kiosk']),
  currency: z.literal('CNY'),
  lines: z.array(z.strictObject({ sku: z.string() })).check(z.minLength(1), z.maxLength(2)),
});

/** The errors a body gets, by field. */
function errorsOf(body: unknown, schema: z.ZodMiniType = saleSchema) {
  const parsed = schema.safeParse(body);
  expect(parsed.success).toBe(false);
  return Object.fromEntries(
    fieldErrorsFrom(parsed.error!.issues, 'body').map((error) => [error.field, error.message]),
  );
}

const valid = {
  customerId: 'c-1',
  storeId: 'store-a',
  amount: 5,
  quantity: 1,
  occurredAt: '2026-12-01T10:00:00+08:00',
  channel: 'till',
  currency: 'CNY',
  lines: [{ sku: 'A' }],
};

describe('validation messages', () => {
  it('says a missing field is required, whatever its type', () => {
    expect(errorsOf({})).toEqual({
      'body.customerId': 'customerId is required',
      'body.storeId': 'storeId is required',
      'body.amount': 'amount is required',
      'body.quantity': 'quantity is required',
      'body.occurredAt': 'occurredAt is required',
      'body.channel': 'channel is required',
      'body.currency': 'currency is required',
      'body.lines': 'lines is required',
    });
  });

  it('names the type a field must have', () => {
    expect(errorsOf({ ...valid, customerId: 7, amount: '5', quantity: 1.5, lines: 'A' })).toEqual({
      'body.customerId': 'customerId must be a string',
      'body.amount': 'amount must be a number',
      'body.quantity': 'quantity must be a whole number',
      'body.lines': 'lines must be a list',
    });
  });

  it('gives the limits of lengths and sizes', () => {
    expect(errorsOf({ ...valid, customerId: '  ', lines: [] })).toEqual({
      'body.customerId': 'customerId must not be empty',
      'body.lines': 'lines must have at least 1 item',
    });
    expect(
      errorsOf({ ...valid, customerId: 'c'.repeat(9), lines: [{ sku: 'A' }, { sku: 'B' }, { sku: 'C' }] }),
    ).toEqual({
      'body.customerId': 'customerId must be at most 8 characters long',
      'body.lines': 'lines must have at most 2 items',
    });
  });

  it('gives the range of numbers', () => {
    expect(errorsOf({ ...valid, amount: 101, quantity: 0 })).toEqual({
      'body.amount': 'amount must be at most 100',
      'body.quantity': 'quantity must be greater than 0',
    });
    expect(errorsOf({ ...valid, amount: -1 })).toEqual({ 'body.amount': 'amount must be at least 0' });
  });

  it('explains the format a time or a pattern must have', () => {
    expect(errorsOf({ ...valid, occurredAt: '2026-12-01 10:00', storeId: 'Store A' })).toEqual({
      'body.occurredAt':
        'occurredAt must be an ISO 8601 date and time with Z or an offset, such as 2026-12-01T10:00:00+08:00',
      'body.storeId': 'storeId must be lower-case letters and dashes',
    });
  });

  it('lists the choices of an enum or a literal', () => {
    expect(errorsOf({ ...valid, channel: 'fax', currency: 'USD' })).toEqual({
      'body.channel': 'channel must be one of till, app, kiosk',
      'body.currency': 'currency must be CNY',
    });
  });

  it('names each field a strict object does not allow, at its own path', () => {
    expect(errorsOf({ ...valid, isAdmin: true, lines: [{ sku: 'A', price: 1 }] })).toEqual({
      'body.isAdmin': 'isAdmin is not allowed',
      'body.lines.0.price': 'price is not allowed',
    });
  });

  it('gives one error per field, the first found', () => {
    const strict = z.strictObject({
      code: z.string().check(z.minLength(4), z.regex(/^\d+$/, 'must be digits'), z.maxLength(2)),
    });
    const parsed = strict.safeParse({ code: 'abc' });
    expect(parsed.error!.issues.length).toBeGreaterThan(1);
    expect(fieldErrorsFrom(parsed.error!.issues, 'body')).toEqual([
      { field: 'body.code', message: 'code must be at least 4 characters long' },
    ]);
  });

  it('names the field a rule across fields is about, not the body', () => {
    const campaign = {
      name: 'Double days',
      trigger: { kind: 'birthday' },
      conditions: { minSpend: 100, hours: { from: 20, to: 10 } },
      effects: { bonusPoints: { kind: 'multiplier', factor: 2 } },
      startsAt: '2026-12-31T00:00:00+08:00',
      endsAt: '2026-12-01T00:00:00+08:00',
    };
    expect(errorsOf(campaign, campaignDefinitionSchema)).toEqual({
      'body.conditions.hours.to': 'to must be after from',
      'body.endsAt': 'endsAt must be after startsAt',
      'body.conditions.minSpend': 'minSpend applies to purchase campaigns only',
      'body.effects.bonusPoints.kind': 'kind must be fixed: a multiplier needs the base points of a purchase',
    });
    expect(
      errorsOf(
        {
          name: 'Cinema',
          pointsCost: 100,
          stock: 5,
          validFrom: '2026-12-02T00:00:00Z',
          validTo: '2026-12-02T07:00:00+08:00',
        },
        rewardInputSchema,
      ),
    ).toEqual({ 'body.validTo': 'validTo must be after validFrom' });
  });

  it('answers these sentences in the problem document of a route', async () => {
    const route = defineRoute({
      method: 'POST',
      path: '/v1/sales',
      auth: { kind: 'public' },
      tag: 'customers',
      summary: 'test route',
      body: saleSchema,
      query: z.strictObject({ limit: z.optional(z.coerce.number().check(z.int(), z.lte(50))) }),
      responses: { 200: { description: 'ok' } },
    });
    const handler = httpHandler(route, async () => ({ status: 200 }));
    const response = await handler(
      apiEvent({
        method: 'POST',
        path: '/v1/sales',
        body: JSON.stringify({ ...valid, customerId: undefined, extra: 1 }),
      }),
      lambdaContext(),
    );
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [
        { field: 'body.customerId', message: 'customerId is required' },
        { field: 'body.extra', message: 'extra is not allowed' },
      ],
    });
    const query = await handler(
      apiEvent({ method: 'POST', path: '/v1/sales', body: JSON.stringify(valid), query: { limit: '99' } }),
      lambdaContext(),
    );
    expect(JSON.parse(query.body)).toMatchObject({
      errors: [{ field: 'query.limit', message: 'limit must be at most 50' }],
    });
  });
});
