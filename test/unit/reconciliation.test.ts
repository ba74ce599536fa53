// The reconciliation's pure parts: how the two sides are compared and printed, what the ledger's entries
// count as and on which day, and who may ask for it; the archive side over DuckDB with a stand-in ledger.
// The whole of it against real domain writes is test/integration/reconciliation.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DuckDbArchiveEngine } from '../../lib/analytics/archive/duckdb-engine';
import { LocalArchive } from '../../lib/analytics/archive/local-archive';
import {
  addToDay,
  MOVEMENTS,
  movementOf,
  noMovements,
  type MovementSums,
} from '../../lib/analytics/reconcile/ledger-sums';
import {
  compareMovements,
  formatReconciliation,
  isBalanced,
  reconcile,
  type SumsByDay,
} from '../../lib/analytics/reconcile/reconcile';
import { scopedReportRequest } from '../../lib/analytics/report-runs';
import { reportRequestSchema } from '../../lib/analytics/reports/contract';
import type { StaffPrincipal } from '../../lib/auth/principal';

const sums = (figures: Partial<MovementSums>): MovementSums => ({ ...noMovements(), ...figures });
const days = (entries: Record<string, Partial<MovementSums>>): SumsByDay =>
  new Map(Object.entries(entries).map(([day, figures]) => [day, sums(figures)]));

describe('compareMovements', () => {
  it('answers a zero total row per movement, and no day rows, when both sides agree', () => {
    const both = days({ '2026-11-11': { issued: 300, redeemed: 40, adjusted: -5 } });
    const table = compareMovements(both, days({ '2026-11-11': { issued: 300, redeemed: 40, adjusted: -5 } }));
    expect(table.columns.map((column) => column.name)).toEqual([
      'day',
      'movement',
      'archive_points',
      'ledger_points',
      'difference',
    ]);
    expect(table.rows).toEqual([
      [null, 'issued', 300, 300, 0],
      [null, 'redeemed', 40, 40, 0],
      [null, 'redemptions_cancelled', 0, 0, 0],
      [null, 'expired', 0, 0, 0],
      [null, 'reversed', 0, 0, 0],
      [null, 'adjusted', -5, -5, 0],
    ]);
    expect(isBalanced(table)).toBe(true);
  });

  it('shows an event archived on the day after its ledger entry as two day rows that net to zero', () => {
    const table = compareMovements(
      days({ '2026-11-12': { issued: 100 } }),
      days({ '2026-11-11': { issued: 100 } }),
    );
    expect(table.rows.slice(6)).toEqual([
      ['2026-11-11', 'issued', 0, 100, -100],
      ['2026-11-12', 'issued', 100, 0, 100],
    ]);
    expect(table.rows[0]).toEqual([null, 'issued', 100, 100, 0]);
    expect(isBalanced(table)).toBe(false);
  });

  it('names the day and movement of an event the archive lacks, and of one it counts twice', () => {
    const table = compareMovements(
      days({ '2026-11-11': { expired: 50 }, '2026-11-13': { reversed: 20 } }),
      days({ '2026-11-11': { expired: 80 }, '2026-11-13': { reversed: 10 } }),
    );
    expect(table.rows.filter((row) => row[0] !== null)).toEqual([
      ['2026-11-11', 'expired', 50, 80, -30],
      ['2026-11-13', 'reversed', 20, 10, 10],
    ]);
    expect(table.rows.find((row) => row[0] === null && row[1] === 'expired')).toEqual([
      null,
      'expired',
      50,
      80,
      -30,
    ]);
  });

  it('totals each side over the period, and lists exactly the days and movements whose figures differ', () => {
    const figure = fc.integer({ min: -3, max: 3 });
    const side = fc.dictionary(
      fc.constantFrom('2026-01-01', '2026-01-02', '2026-01-03'),
      fc.record(
        Object.fromEntries(MOVEMENTS.map((movement) => [movement, figure])) as Record<
          keyof MovementSums,
          typeof figure
        >,
      ),
    );
    fc.assert(
      fc.property(side, side, (archived, recorded) => {
        const archive = days(archived);
        const ledger = days(recorded);
        const table = compareMovements(archive, ledger);
        const dayRows = table.rows.filter((row) => row[0] !== null);
        for (const movement of MOVEMENTS) {
          const of = (map: SumsByDay) => [...map.values()].reduce((total, day) => total + day[movement], 0);
          const total = table.rows.find((row) => row[0] === null && row[1] === movement)!;
          expect(total).toEqual([null, movement, of(archive), of(ledger), of(archive) - of(ledger)]);
          const differences = dayRows.filter((row) => row[1] === movement).map((row) => row[4] as number);
          expect(differences.reduce((a, b) => a + b, 0)).toBe(total[4]);
        }
        for (const day of new Set([...archive.keys(), ...ledger.keys()]))
          for (const movement of MOVEMENTS) {
            const a = archive.get(day)?.[movement] ?? 0;
            const l = ledger.get(day)?.[movement] ?? 0;
            const row = dayRows.find((candidate) => candidate[0] === day && candidate[1] === movement);
            expect(row).toEqual(a === l ? undefined : [day, movement, a, l, a - l]);
          }
        expect(isBalanced(table)).toBe(dayRows.length === 0);
      }),
    );
  });
});

describe('formatReconciliation', () => {
  it('prints aligned columns, figures to the right and the totals as total', () => {
    const text = formatReconciliation(
      compareMovements(days({ '2026-11-12': { issued: 1200 } }), days({ '2026-11-12': { issued: 1000 } })),
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe('day         movement               archive_points  ledger_points  difference');
    expect(lines[1]).toBe('total       issued                           1200           1000         200');
    expect(lines.at(-1)).toBe('2026-11-12  issued                           1200           1000         200');
    expect(lines).toHaveLength(8);
  });
});

describe("the ledger's side", () => {
  it('counts each entry as the movement the archive names, releases as nothing', () => {
    expect(movementOf({ type: 'earn', points: 30 })).toEqual({ movement: 'issued', points: 30 });
    expect(movementOf({ type: 'bonus', points: 10 })).toEqual({ movement: 'issued', points: 10 });
    expect(movementOf({ type: 'redeem', points: -40 })).toEqual({ movement: 'redeemed', points: 40 });
    expect(movementOf({ type: 'cancel', points: 40 })).toEqual({
      movement: 'redemptions_cancelled',
      points: 40,
    });
    expect(movementOf({ type: 'expire', points: -7 })).toEqual({ movement: 'expired', points: 7 });
    expect(movementOf({ type: 'reverse', points: -3 })).toEqual({ movement: 'reversed', points: 3 });
    expect(movementOf({ type: 'adjust', points: -5 })).toEqual({ movement: 'adjusted', points: -5 });
    expect(movementOf({ type: 'release', points: 30 })).toBeUndefined();
  });

  it('files an entry under its business day in Shanghai, and leaves out days outside the period', () => {
    const period = { from: '2026-11-11', to: '2026-11-11' };
    const map: SumsByDay = new Map();
    addToDay(map, { type: 'earn', points: 1, at: '2026-11-10T15:59:59.999Z' }, period);
    addToDay(map, { type: 'earn', points: 2, at: '2026-11-10T16:00:00.000Z' }, period);
    addToDay(map, { type: 'earn', points: 4, at: '2026-11-11T15:59:59.999Z' }, period);
    addToDay(map, { type: 'earn', points: 8, at: '2026-11-11T16:00:00.000Z' }, period);
    expect([...map]).toEqual([['2026-11-11', sums({ issued: 6 })]]);
  });
});

describe('reconcile over the archive', () => {
  const record = (
    detailType: string,
    eventId: string,
    occurredAt: string,
    data: Record<string, unknown>,
  ) => ({
    id: `eb-${eventId}`,
    detail_type: detailType,
    source: 'sbm.crm.loyalty',
    time: occurredAt,
    detail: { metadata: { eventId, schemaVersion: 1, correlationId: 'c', occurredAt }, data },
  });

  it("reads the points report by day, counting an event archived twice once, against the ledger's sums", async () => {
    const archive = new LocalArchive(undefined, 'Asia/Shanghai');
    const earned = record('PointsEarned', 'e1', '2026-11-11T02:00:00.000Z', {
      customerId: 'c',
      points: 120,
      status: 'available',
      source: { kind: 'purchase', storeId: 's1', transactionId: 'T1' },
      earnedAt: '2026-11-11T02:00:00.000Z',
    });
    archive.add(earned);
    archive.add(earned);
    archive.add(
      record('PointsAdjusted', 'a1', '2026-11-12T17:00:00.000Z', {
        customerId: 'c',
        points: -20,
        reasonCode: 'correction',
        staffId: 's',
        adjustmentId: 'a1',
      }),
    );
    const engine = await DuckDbArchiveEngine.open(archive);
    const asked: unknown[] = [];
    const table = await reconcile(
      { from: '2026-11-11', to: '2026-11-13' },
      {
        engine,
        ledgerSums: async (period) => {
          asked.push(period);
          return days({ '2026-11-11': { issued: 120 }, '2026-11-12': { adjusted: -20 } });
        },
      },
    );
    expect(asked).toEqual([{ from: '2026-11-11', to: '2026-11-13' }]);
    // The adjustment was made at 01:00 on the 13th in Shanghai: the ledger above filed it a day early.
    expect(table.rows.filter((row) => row[0] !== null)).toEqual([
      ['2026-11-12', 'adjusted', 0, -20, 20],
      ['2026-11-13', 'adjusted', -20, 0, -20],
    ]);
    expect(table.rows.slice(0, 6).map((row) => row[4])).toEqual([0, 0, 0, 0, 0, 0]);
    expect(table.rows[0]).toEqual([null, 'issued', 120, 120, 0]);
  });
});

describe('who may ask for the reconciliation', () => {
  const staff = (roles: StaffPrincipal['roles'], storeIds: string[] = []) =>
    ({
      kind: 'staff',
      staffId: 'st-1',
      sessionId: 's',
      roles,
      storeIds,
      exp: 0,
    }) as unknown as StaffPrincipal;
  const asked = (body: unknown) => reportRequestSchema.parse(body);

  it('runs it by day for every store, whatever grouping was asked for', () => {
    expect(
      scopedReportRequest(
        staff(['analyst']),
        asked({ report: 'reconciliation', from: '2026-11-01', to: '2026-11-30', groupBy: 'month' }),
      ),
    ).toEqual({ report: 'reconciliation', from: '2026-11-01', to: '2026-11-30', groupBy: 'day' });
  });

  it('refuses it to staff whose analytics reach some stores only, even with a wider role for others', () => {
    const request = asked({ report: 'reconciliation', from: '2026-11-01', to: '2026-11-30' });
    expect(() => scopedReportRequest(staff(['store_manager'], ['s1']), request)).toThrow(
      expect.objectContaining({ status: 403, code: 'FORBIDDEN' }),
    );
    expect(scopedReportRequest(staff(['store_manager', 'analyst'], ['s1']), request)).toMatchObject({
      report: 'reconciliation',
    });
  });

  it('refuses a store filter, since redemptions, expiry and adjustments have no store', () => {
    const answer = reportRequestSchema.safeParse({
      report: 'reconciliation',
      from: '2026-11-01',
      to: '2026-11-30',
      storeIds: ['s1'],
    });
    expect(answer.success).toBe(false);
    expect(answer.error?.issues).toEqual([expect.objectContaining({ path: ['storeIds'] })]);
    expect(
      reportRequestSchema.safeParse({
        report: 'points',
        from: '2026-11-01',
        to: '2026-11-30',
        storeIds: ['s1'],
      }).success,
    ).toBe(true);
  });
});
