import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import * as z from '../../lib/zod';
import { lazySchema, schemaBehind } from '../../lib/lazy-schema';

describe('lazySchema', () => {
  it('builds the schema when first touched, once', () => {
    const build = vi.fn(() => z.strictObject({ storeId: z.string().check(z.minLength(1)) }));
    const schema = lazySchema(build);
    expect(build).not.toHaveBeenCalled();
    expect(schema.safeParse({ storeId: 'S1' }).success).toBe(true);
    expect(schema.safeParse({ storeId: '' }).success).toBe(false);
    expect(() => schema.parse({ storeId: 'S1', extra: 1 })).toThrow(z.core.$ZodError);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('stands for the schema: types, instanceof, composition, refinements and JSON Schema', () => {
    const money = lazySchema(() => z.int().check(z.gte(0)));
    const sale = lazySchema(() => z.object({ amount: money, note: z.optional(z.string()) }));
    expectTypeOf<z.infer<typeof sale>>().toEqualTypeOf<{ amount: number; note?: string | undefined }>();
    expect(sale).toBeInstanceOf(z.ZodMiniObject);
    expect(Object.keys(sale.shape)).toEqual(['amount', 'note']);
    // Composed into schemas of its own kind, eager or lazy.
    const refund = z.extend(sale, { refundId: z.string() });
    expect(refund.parse({ amount: 5, refundId: 'R1' })).toEqual({ amount: 5, refundId: 'R1' });
    expect(z.array(sale).safeParse([{ amount: -1 }]).success).toBe(false);
    expect(z.optional(sale).parse(undefined)).toBeUndefined();
    expect(z.toJSONSchema(sale)).toEqual(
      z.toJSONSchema(z.object({ amount: z.int().check(z.gte(0)), note: z.optional(z.string()) })),
    );
    // Descriptors and keys read through, as object spreads and deep-equal checks need.
    expect(Object.getOwnPropertyDescriptor(sale, '_zod')).toMatchObject({ configurable: true });
    expect('safeParse' in sale).toBe(true);
  });

  it("carries the schema's description into JSON Schema, at the top and where it is composed", () => {
    const fen = lazySchema(() => z.int().check(z.gte(0), z.describe('Integer fen (1 CNY = 100 fen)')));
    expect(z.toJSONSchema(fen)).toMatchObject({ description: 'Integer fen (1 CNY = 100 fen)' });
    expect(z.toJSONSchema(z.object({ amount: fen })).properties).toMatchObject({
      amount: { type: 'integer', description: 'Integer fen (1 CNY = 100 fen)' },
    });
  });

  it('names the schema behind it, which schemas derived from it take as their parent', () => {
    const fen = lazySchema(() => z.int().check(z.gte(0)));
    const price = fen.check(z.describe('Unit price'));
    expect(price._zod.parent).toBe(schemaBehind(fen));
    expect(schemaBehind(fen)).not.toBe(fen);
    const eager = z.string();
    expect(schemaBehind(eager)).toBe(eager);
  });

  it('cannot be changed through the wrapper', () => {
    const schema = lazySchema(() => z.string()) as unknown as Record<string, unknown>;
    expect(() => {
      'use strict';
      schema.parse = () => 'hijacked';
    }).toThrow(TypeError);
    expect((schema as unknown as z.ZodMiniString).parse('kept')).toBe('kept');
  });
});
