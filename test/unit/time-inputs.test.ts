// Times as clients send them: an offset or Z, kept as UTC; a plain date in a filter is a whole programme day.
import { describe, expect, it } from 'vitest';
import { listAuditEntriesRoute } from '../../lib/audit/routes';
import { campaignDefinitionSchema } from '../../lib/campaigns/model';
import { listPrivacyRequestsRoute } from '../../lib/customers/routes';
import { fieldErrorsFrom } from '../../lib/http/problem';
import { momentSchema } from '../../lib/http/time-inputs';
import { saveEarningRulesRoute } from '../../lib/loyalty/admin-routes';
import { posTransactionSchema } from '../../lib/pos/messages';
import { rewardInputSchema } from '../../lib/rewards/schemas';

describe('moments', () => {
  it('accept an offset or Z and are handed on in UTC', () => {
    expect(momentSchema.parse('2026-12-01T00:00:00+08:00')).toBe('2026-11-30T16:00:00.000Z');
    expect(momentSchema.parse('2026-12-01T00:00:00Z')).toBe('2026-12-01T00:00:00.000Z');
    expect(momentSchema.parse('2026-11-30T21:30:00.5-05:00')).toBe('2026-12-01T02:30:00.500Z');
    expect(momentSchema.safeParse('2026-12-01T00:00:00').success).toBe(false);
    expect(momentSchema.safeParse('2026-12-01').success).toBe(false);
  });

  it('are taken with offsets by campaigns, rewards, earning rules and POS sales, in UTC', () => {
    const campaign = campaignDefinitionSchema.parse({
      name: 'December',
      trigger: { kind: 'purchase' },
      effects: { bonusPoints: { kind: 'fixed', points: 10 } },
      startsAt: '2026-12-01T00:00:00+08:00',
      endsAt: '2026-12-01T09:00:00+09:00',
    });
    expect(campaign).toMatchObject({
      startsAt: '2026-11-30T16:00:00.000Z',
      endsAt: '2026-12-01T00:00:00.000Z',
    });
    const blast = campaignDefinitionSchema.parse({
      name: 'Blast',
      trigger: { kind: 'blast', at: '2026-12-01T10:00:00+08:00' },
      effects: { message: { title: 'Hi', body: 'Come by' } },
      startsAt: '2026-12-01T00:00:00Z',
      endsAt: '2026-12-02T00:00:00Z',
    });
    expect(blast.trigger).toMatchObject({ at: '2026-12-01T02:00:00.000Z' });
    expect(
      rewardInputSchema.parse({
        name: 'Cinema',
        pointsCost: 100,
        stock: 3,
        validFrom: '2026-12-01T00:00:00+08:00',
        validTo: '2026-12-31T23:59:59+08:00',
      }),
    ).toMatchObject({ validFrom: '2026-11-30T16:00:00.000Z', validTo: '2026-12-31T15:59:59.000Z' });
    expect(
      saveEarningRulesRoute
        .body!.safeParse({ effectiveFrom: '2026-12-01T00:00:00+08:00', rules: {} })
        .error!.issues.some((issue) => issue.path[0] === 'effectiveFrom'),
    ).toBe(false);
    expect(
      posTransactionSchema.parse({
        transactionId: 'T-1',
        storeId: 'store-a',
        occurredAt: '2026-12-01T10:00:00+08:00',
        customer: { customerId: 'c-1' },
        amount: 100,
        currency: 'CNY',
        items: [],
      }).occurredAt,
    ).toBe('2026-12-01T02:00:00.000Z');
  });

  it('compare by the moment, not the text, once in UTC', () => {
    // Lexicographically "2026-12-01T09:00:00+09:00" < "2026-12-01T01:00:00Z" is false, as the moments are.
    const parsed = campaignDefinitionSchema.safeParse({
      name: 'Backwards',
      trigger: { kind: 'purchase' },
      effects: { bonusPoints: { kind: 'fixed', points: 10 } },
      startsAt: '2026-12-01T01:00:00Z',
      endsAt: '2026-12-01T09:00:00+09:00',
    });
    expect(fieldErrorsFrom(parsed.error!.issues, 'body')).toEqual([
      { field: 'body.endsAt', message: 'endsAt must be after startsAt' },
    ]);
  });
});

describe.each([
  ['GET /v1/admin/audit', listAuditEntriesRoute.query!],
  ['GET /v1/admin/privacy-requests', listPrivacyRequestsRoute.query!],
])('the period filter of %s', (_, query) => {
  it('reads a plain date as that whole day in Asia/Shanghai, from its start to its end', () => {
    expect(query.parse({ from: '2026-12-06', to: '2026-12-06' })).toMatchObject({
      from: '2026-12-05T16:00:00.000Z',
      to: '2026-12-06T15:59:59.999Z',
    });
    expect(query.parse({ from: '2026-12-31', to: '2027-01-01' })).toMatchObject({
      from: '2026-12-30T16:00:00.000Z',
      to: '2027-01-01T15:59:59.999Z',
    });
  });

  it('takes moments with an offset or Z as they are, in UTC', () => {
    expect(query.parse({ from: '2026-12-06T08:00:00+08:00', to: '2026-12-06T12:00:00Z' })).toMatchObject({
      from: '2026-12-06T00:00:00.000Z',
      to: '2026-12-06T12:00:00.000Z',
    });
  });

  it('refuses what is neither, and a period that ends before it starts, naming the field', () => {
    expect(fieldErrorsFrom(query.safeParse({ from: '06/12/2026' }).error!.issues, 'query')).toEqual([
      {
        field: 'query.from',
        message:
          'from must be a date (YYYY-MM-DD, a day in Asia/Shanghai) or an ISO 8601 date and time with Z or an offset',
      },
    ]);
    expect(
      fieldErrorsFrom(query.safeParse({ from: '2026-12-07', to: '2026-12-06' }).error!.issues, 'query'),
    ).toEqual([{ field: 'query.to', message: 'to must not be before from' }]);
    expect(query.safeParse({ from: '2026-02-30' }).success).toBe(false);
  });
});
