// The reports' SQL against answers computed independently in TypeScript from the same seeded events,
// on DuckDB over the local archive in both its forms (NDJSON files, memory).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programmeToday } from '../../lib/calendar';
import { DuckDbArchiveEngine } from '../../lib/analytics/archive/duckdb-engine';
import { LocalArchive } from '../../lib/analytics/archive/local-archive';
import type { ArchiveRecord } from '../../lib/analytics/archive/schema';
import { SQL_REPORT_NAMES, type ReportCell } from '../../lib/analytics/reports/contract';
import { runReport, type SqlReportRequest as ReportRequest } from '../../lib/analytics/reports/run';
import { seededRandom } from '../../lib/bench/stats';

const TZ = 'Asia/Shanghai';
const ENTRY_TIER = 'bronze';
const SOURCES: Record<string, string> = {
  CustomerRegistered: 'sbm.crm.customers',
  CustomerErased: 'sbm.crm.customers',
  CampaignParticipated: 'sbm.crm.campaigns',
  RedemptionCollected: 'sbm.crm.rewards',
};

// ---- the workload ---------------------------------------------------------------------------------

const random = seededRandom(20261111);
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
const START = Date.parse('2025-12-20T00:00:00Z');
const END = Date.parse('2026-04-10T00:00:00Z');
/** A random instant; one in five on a Shanghai midnight's either side (16:00 UTC). */
function instant(after = START): number {
  const at = between(after, END);
  if (random() < 0.2) {
    const midnight = Math.floor(at / 86_400_000) * 86_400_000 + 16 * 3_600_000;
    return midnight - (random() < 0.5 ? 1 : 0);
  }
  return at;
}
const iso = (ms: number) => new Date(ms).toISOString();

const records: ArchiveRecord[] = [];
let counter = 0;
function emit(detailType: string, eventId: string, occurredAt: number, data: Record<string, unknown>) {
  const record: ArchiveRecord = {
    id: `eb-${++counter}`,
    detail_type: detailType,
    source: SOURCES[detailType] ?? 'sbm.crm.loyalty',
    time: iso(occurredAt),
    detail: {
      metadata: { eventId, schemaVersion: 1, correlationId: `c-${counter}`, occurredAt: iso(occurredAt) },
      data,
    },
  };
  records.push(record);
  // Replays: Firehose redelivers a record; a publisher resends an event (a new EventBridge id).
  if (random() < 0.1) records.push(record);
  if (random() < 0.05) records.push({ ...record, id: `eb-${++counter}` });
}

const STORES = ['s1', 's2', 's3', 's4'];
const CATEGORIES = ['fashion', 'food', 'beauty'];
const customers = Array.from({ length: 40 }, (_, i) => ({ id: `m${i}`, registeredAt: instant() }));
for (const customer of customers)
  emit('CustomerRegistered', `reg-${customer.id}`, customer.registeredAt, {
    customerId: customer.id,
    channel: 'wechat-mini-program',
    registeredAt: iso(customer.registeredAt),
  });
const erased = customers[3]!;
const erasedAt = Math.max(erased.registeredAt + 86_400_000, Date.parse('2026-02-20T05:00:00Z'));
emit('CustomerErased', `erase-${erased.id}`, erasedAt, { customerId: erased.id, erasedAt: iso(erasedAt) });

for (let i = 0; i < 260; i++) {
  const customer = pick(customers);
  const soldAt = instant(customer.registeredAt);
  if (customer === erased && soldAt >= erasedAt) continue;
  const storeId = pick(STORES);
  const amount = between(100, 50_000);
  // Late uploads: recorded up to three days after the sale.
  const recordedAt = random() < 0.3 ? soldAt + between(0, 3 * 86_400_000) : soldAt;
  const categories = CATEGORIES.filter(() => random() < 0.45);
  emit('PurchaseRecorded', `buy-${storeId}-T${i}`, recordedAt, {
    customerId: customer.id,
    storeId,
    transactionId: `T${i}`,
    amount,
    currency: 'CNY',
    occurredAt: iso(soldAt),
    categories,
    pointsEarned: Math.floor(amount / 100),
  });
  if (amount >= 100)
    emit('PointsEarned', `earn-${storeId}-T${i}`, recordedAt, {
      customerId: customer.id,
      points: Math.floor(amount / 100),
      status: 'available',
      source: { kind: 'purchase', storeId, transactionId: `T${i}` },
      earnedAt: iso(recordedAt),
    });
  if (random() < 0.1) {
    const at = recordedAt + between(3_600_000, 10 * 86_400_000);
    emit('PointsReversed', `rev-${storeId}-T${i}`, at, {
      customerId: customer.id,
      points: between(0, Math.floor(amount / 200)),
      storeId,
      transactionId: `T${i}`,
      refundId: `R${i}`,
      refundAmount: between(0, amount),
    });
  }
}
// Unmatched sales; some later assigned to a member (then a PurchaseRecorded of the same sale).
for (let i = 0; i < 30; i++) {
  const storeId = pick(STORES);
  const soldAt = instant();
  const amount = between(100, 30_000);
  const categories = CATEGORIES.filter(() => random() < 0.4);
  emit('UnmatchedSaleRecorded', `unmatched-${storeId}-U${i}`, soldAt, {
    storeId,
    transactionId: `U${i}`,
    amount,
    currency: 'CNY',
    occurredAt: iso(soldAt),
    categories,
    reason: 'UNKNOWN_MEMBER_CODE',
  });
  if (i % 3 === 0) {
    const customer = pick(customers.filter((c) => c !== erased));
    emit('PurchaseRecorded', `buy-${storeId}-U${i}`, soldAt + 86_400_000, {
      customerId: customer.id,
      storeId,
      transactionId: `U${i}`,
      amount,
      currency: 'CNY',
      occurredAt: iso(soldAt),
      categories,
      pointsEarned: Math.floor(amount / 100),
    });
  }
}
for (let i = 0; i < 50; i++) {
  const customer = pick(customers);
  const at = instant(customer.registeredAt);
  const kind = pick(['redeem', 'cancel', 'expire', 'adjust', 'bonus', 'tier'] as const);
  if (kind === 'redeem' || kind === 'cancel') {
    emit('PointsRedeemed', `redeem-${i}`, at, {
      customerId: customer.id,
      redemptionId: `red-${i}`,
      rewardId: 'coffee',
      quantity: 1,
      points: between(10, 300),
      redeemedAt: iso(at),
    });
    if (kind === 'cancel')
      emit('RedemptionCancelled', `cancel-${i}`, at + 7_200_000, {
        customerId: customer.id,
        redemptionId: `red-${i}`,
        rewardId: 'coffee',
        points: between(10, 300),
        reason: 'staff',
      });
  } else if (kind === 'expire') {
    emit('PointsExpired', `expire-${i}`, at, {
      customerId: customer.id,
      points: between(1, 200),
      lot: '2026-01',
      expiredAt: iso(at),
    });
  } else if (kind === 'adjust') {
    emit('PointsAdjusted', `adjust-${i}`, at, {
      customerId: customer.id,
      points: between(-100, 200),
      reasonCode: 'goodwill',
      staffId: 'staff-1',
      adjustmentId: `adj-${i}`,
    });
  } else if (kind === 'bonus') {
    emit('PointsEarned', `bonus-${i}`, at, {
      customerId: customer.id,
      points: between(1, 100),
      status: 'available',
      source: { kind: 'campaign', campaignId: 'camp-a', ...(random() < 0.5 && { storeId: pick(STORES) }) },
      earnedAt: iso(at),
    });
  } else {
    emit('TierChanged', `tier-${i}`, at, {
      customerId: customer.id,
      from: 'bronze',
      to: pick(['silver', 'gold', 'bronze']),
      qualifyingPoints: 1000,
      changedAt: iso(at),
    });
  }
}
// Campaign participation, held-out members included; coupons carried by awards, some collected.
for (let i = 0; i < 70; i++) {
  const customer = pick(customers);
  const at = instant(customer.registeredAt);
  const campaignId = pick(['camp-a', 'camp-b']);
  const heldOut = customers.indexOf(customer) % 3 === 0;
  const kind = heldOut ? 'held-out' : pick(['joined', 'awarded', 'awarded'] as const);
  const coupon = kind === 'awarded' && random() < 0.5 ? `coupon-${i}` : undefined;
  emit('CampaignParticipated', `part-${campaignId}-${customer.id}-${i}`, at, {
    campaignId,
    version: 1,
    customerId: customer.id,
    kind,
    bonusPoints: kind === 'awarded' ? between(0, 50) : 0,
    trigger: 'join',
    at: iso(at),
    ...(coupon && { rewardId: 'coffee', redemptionId: coupon }),
  });
  if (coupon && random() < 0.5)
    emit('RedemptionCollected', `collect-${coupon}`, at + 3_600_000, {
      customerId: customer.id,
      redemptionId: coupon,
      collectedAt: iso(at + 3_600_000),
    });
}

// ---- the independent answers --------------------------------------------------------------------

// The oracle reads the events' data as the SQL does: by field name, untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type EventData = Record<string, any>;
interface Fact {
  event: string;
  day: string;
  data: EventData;
}
const facts: Fact[] = [];
{
  const seen = new Set<string>();
  for (const record of records) {
    const key = `${record.detail_type}|${String(record.detail.metadata.eventId)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    facts.push({
      event: record.detail_type,
      day: programmeToday(new Date(record.detail.metadata.occurredAt), TZ),
      data: record.detail.data,
    });
  }
}
const of = (event: string) => facts.filter((fact) => fact.event === event);
const businessDay = (isoTime: string) => programmeToday(new Date(isoTime), TZ);
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const daysOf = (from: string, to: string) => {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
};
const monthOf = (day: string) => `${day.slice(0, 7)}-01`;
const periodOf = (day: string, groupBy: string) => {
  if (groupBy === 'day') return day;
  if (groupBy === 'month') return monthOf(day);
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
};
function periodsOf(request: ReportRequest) {
  const periods = new Map<string, { start: string; first: string; last: string }>();
  for (const day of daysOf(request.from, request.to)) {
    const start = periodOf(day, request.groupBy);
    const period = periods.get(start);
    if (period) period.last = day;
    else periods.set(start, { start, first: day, last: day });
  }
  return [...periods.values()];
}
const inStores = (request: ReportRequest, storeId: unknown) =>
  !request.storeIds || request.storeIds.includes(storeId as string);
const firstBy = <T>(items: T[], key: (item: T) => string, value: (item: T) => string) => {
  const firsts = new Map<string, string>();
  for (const item of items) {
    const k = key(item);
    const v = value(item);
    if (!firsts.has(k) || v < firsts.get(k)!) firsts.set(k, v);
  }
  return firsts;
};
const registered = () =>
  firstBy(
    of('CustomerRegistered'),
    (f) => f.data.customerId,
    (f) => f.day,
  );
const erasures = () =>
  firstBy(
    of('CustomerErased'),
    (f) => f.data.customerId,
    (f) => f.day,
  );
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** Members' purchases and unmatched sales never assigned, each on its business day. */
function allSales() {
  const assigned = new Set(of('PurchaseRecorded').map((f) => `${f.data.storeId}|${f.data.transactionId}`));
  const sales: EventData[] = [
    ...of('PurchaseRecorded').map((f) => ({ ...f.data, byMember: true })),
    ...of('UnmatchedSaleRecorded')
      .filter((f) => !assigned.has(`${f.data.storeId}|${f.data.transactionId}`))
      .map((f) => ({ ...f.data, byMember: false })),
  ];
  return sales.map((sale): EventData => ({
    ...sale,
    saleDay: businessDay(sale.occurredAt as string),
  }));
}

const expected: Record<(typeof SQL_REPORT_NAMES)[number], (request: ReportRequest) => ReportCell[][]> = {
  points(request) {
    const moves = facts
      .filter((f) =>
        [
          'PointsEarned',
          'PointsRedeemed',
          'RedemptionCancelled',
          'PointsExpired',
          'PointsReversed',
          'PointsAdjusted',
        ].includes(f.event),
      )
      .map((f) => ({
        ...f,
        store: f.event === 'PointsEarned' ? f.data.source.storeId : f.data.storeId,
        points: f.data.points as number,
      }));
    const filtered = !!request.storeIds;
    return periodsOf(request).map((period) => {
      const within = (event: string) =>
        sum(
          moves
            .filter((m) => m.event === event && m.day >= period.first && m.day <= period.last)
            .filter((m) => !filtered || inStores(request, m.store))
            .map((m) => m.points),
        );
      const sign: Record<string, number> = {
        PointsEarned: 1,
        PointsReversed: -1,
        PointsRedeemed: -1,
        RedemptionCancelled: 1,
        PointsExpired: -1,
        PointsAdjusted: 1,
      };
      const liability = sum(moves.filter((m) => m.day <= period.last).map((m) => sign[m.event]! * m.points));
      const unlessFiltered = (value: number) => (filtered ? null : value);
      return [
        period.start,
        within('PointsEarned'),
        unlessFiltered(within('PointsRedeemed')),
        unlessFiltered(within('RedemptionCancelled')),
        unlessFiltered(within('PointsExpired')),
        within('PointsReversed'),
        unlessFiltered(within('PointsAdjusted')),
        unlessFiltered(liability),
      ];
    });
  },

  sales(request) {
    const sales = allSales().filter(
      (s) => s.saleDay >= request.from && s.saleDay <= request.to && inStores(request, s.storeId),
    );
    const groups = new Map<string, typeof sales>();
    for (const sale of sales) {
      const period = periodOf(sale.saleDay, request.groupBy);
      for (const category of [null, ...new Set(sale.categories as string[])]) {
        const key = JSON.stringify([period, sale.storeId, category]);
        groups.set(key, [...(groups.get(key) ?? []), sale]);
      }
    }
    return [...groups.entries()]
      .map(([key, group]) => {
        const [period, store, category] = JSON.parse(key) as [string, string, string | null];
        const revenue = sum(group.map((s) => s.amount as number));
        const members = sum(group.filter((s) => s.byMember).map((s) => s.amount as number));
        return [
          period,
          store,
          category,
          group.length,
          revenue,
          Math.round(revenue / group.length),
          revenue === 0 ? null : members / revenue,
        ];
      })
      .sort(compareRows([0, 1, 2]));
  },

  stores(request) {
    const sales = allSales().filter(
      (s) => s.saleDay >= request.from && s.saleDay <= request.to && inStores(request, s.storeId),
    );
    const points = of('PointsEarned').filter(
      (f) =>
        f.data.source.storeId !== undefined &&
        f.day >= request.from &&
        f.day <= request.to &&
        inStores(request, f.data.source.storeId),
    );
    const stores = [
      ...new Set([...sales.map((s) => s.storeId), ...points.map((p) => p.data.source.storeId)]),
    ];
    const rows = stores.map((store) => {
      const mine = sales.filter((s) => s.storeId === store);
      return [
        store as string,
        mine.length,
        sum(mine.map((s) => s.amount as number)),
        new Set(mine.filter((s) => s.byMember).map((s) => s.customerId)).size,
        sum(points.filter((p) => p.data.source.storeId === store).map((p) => p.data.points as number)),
      ];
    });
    return rows
      .map((row) => [...row, 1 + rows.filter((other) => (other[2] as number) > (row[2] as number)).length])
      .sort(compareRows([5, 0]));
  },

  members(request) {
    const registrations = registered();
    const erased = erasures();
    const purchases = of('PurchaseRecorded')
      .filter((f) => inStores(request, f.data.storeId))
      .map((f) => ({ customer: f.data.customerId as string, day: businessDay(f.data.occurredAt) }));
    if (![...registrations.values()].some((day) => day <= request.to)) return [];
    return periodsOf(request).map((period) => {
      const members = [...registrations].filter(
        ([id, day]) => day <= period.last && !(erased.get(id)! <= period.last),
      );
      const lastPurchase = (id: string, days: number) =>
        purchases.some(
          (p) => p.customer === id && p.day <= period.last && p.day > addDays(period.last, -days),
        );
      const active90 = members.filter(([id]) => lastPurchase(id, 90)).length;
      return [
        period.start,
        'wechat-mini-program',
        [...registrations.values()].filter((day) => day >= period.first && day <= period.last).length,
        members.filter(([id]) => lastPurchase(id, 30)).length,
        active90,
        members.length - active90,
      ];
    });
  },

  tiers(request) {
    const joined = firstBy(
      facts.filter((f) => f.event === 'CustomerRegistered' || f.event === 'TierChanged'),
      (f) => f.data.customerId,
      (f) => f.day,
    );
    const erased = erasures();
    const changes = of('TierChanged');
    const tierAt = (id: string, day: string) => {
      const mine = changes
        .filter((c) => c.data.customerId === id && c.day <= day)
        .sort((a, b) => (a.data.changedAt < b.data.changedAt ? -1 : 1));
      return mine.length ? (mine[mine.length - 1]!.data.to as string) : ENTRY_TIER;
    };
    const membersAt = (day: string) =>
      [...joined].filter(([id, from]) => from <= day && !(erased.get(id)! <= day)).map(([id]) => id);
    const rows: ReportCell[][] = [];
    const periods = periodsOf(request);
    for (const period of periods) {
      const counts = new Map<string, number>();
      for (const id of membersAt(period.last))
        counts.set(tierAt(id, period.last), (counts.get(tierAt(id, period.last)) ?? 0) + 1);
      for (const [tier, n] of counts) rows.push(['distribution', period.start, null, tier, n]);
    }
    const startDay = addDays(request.from, -1);
    const atStart = new Set(membersAt(startDay));
    const matrix = new Map<string, number>();
    for (const id of membersAt(request.to)) {
      const key = JSON.stringify([atStart.has(id) ? tierAt(id, startDay) : null, tierAt(id, request.to)]);
      matrix.set(key, (matrix.get(key) ?? 0) + 1);
    }
    for (const [key, n] of matrix)
      rows.push(['migration', request.from, ...(JSON.parse(key) as string[]), n]);
    return rows.sort(compareRows([0, 1, 2, 3]));
  },

  cohorts(request) {
    const cohorts = new Map<string, string[]>();
    for (const [id, day] of registered())
      if (day >= request.from && day <= request.to)
        cohorts.set(monthOf(day), [...(cohorts.get(monthOf(day)) ?? []), id]);
    const bought = new Set(
      of('PurchaseRecorded')
        .filter((f) => inStores(request, f.data.storeId) && businessDay(f.data.occurredAt) <= request.to)
        .map((f) => `${f.data.customerId}|${monthOf(businessDay(f.data.occurredAt))}`),
    );
    const months = [...new Set(daysOf(request.from, request.to).map(monthOf))];
    const rows: ReportCell[][] = [];
    for (const [cohort, ids] of cohorts)
      for (const month of months.filter((m) => m >= cohort)) {
        const retained = ids.filter((id) => bought.has(`${id}|${month}`)).length;
        const since =
          (Number(month.slice(0, 4)) - Number(cohort.slice(0, 4))) * 12 +
          Number(month.slice(5, 7)) -
          Number(cohort.slice(5, 7));
        rows.push([cohort, since, ids.length, retained, retained / ids.length]);
      }
    return rows.sort(compareRows([0, 1]));
  },

  campaigns(request) {
    const participations = of('CampaignParticipated').filter(
      (f) => f.day >= request.from && f.day <= request.to,
    );
    const collected = new Set(of('RedemptionCollected').map((f) => f.data.redemptionId));
    const revenue = new Map<string, number>();
    for (const f of of('PurchaseRecorded')) {
      const day = businessDay(f.data.occurredAt);
      if (day >= request.from && day <= request.to && inStores(request, f.data.storeId))
        revenue.set(f.data.customerId, (revenue.get(f.data.customerId) ?? 0) + f.data.amount);
    }
    const mean = (xs: number[]) => sum(xs) / xs.length;
    const variance = (xs: number[]) => sum(xs.map((x) => (x - mean(xs)) ** 2)) / (xs.length - 1);
    return [...new Set(participations.map((p) => p.data.campaignId as string))].sort().map((campaign) => {
      const mine = participations.filter((p) => p.data.campaignId === campaign);
      const customersOf = (kinds: string[]) =>
        new Set(mine.filter((p) => kinds.includes(p.data.kind)).map((p) => p.data.customerId as string));
      const treated = [...customersOf(['joined', 'awarded'])];
      const heldOut = [...customersOf(['held-out'])].filter((id) => !treated.includes(id));
      const awards = mine.filter((p) => p.data.kind === 'awarded');
      const t = treated.map((id) => revenue.get(id) ?? 0);
      const h = heldOut.map((id) => revenue.get(id) ?? 0);
      const comparable = t.length >= 2 && h.length >= 2;
      const lift = comparable ? mean(t) - mean(h) : null;
      const margin = comparable ? 1.96 * Math.sqrt(variance(t) / t.length + variance(h) / h.length) : 0;
      return [
        campaign,
        treated.length,
        awards.length,
        sum(awards.map((a) => a.data.bonusPoints)),
        awards.filter((a) => a.data.redemptionId).length,
        awards.filter((a) => collected.has(a.data.redemptionId)).length,
        sum(t),
        treated.length,
        heldOut.length,
        t.length ? Math.round(mean(t)) : null,
        h.length ? Math.round(mean(h)) : null,
        lift === null ? null : Math.round(lift),
        lift === null ? null : Math.round(lift - margin),
        lift === null ? null : Math.round(lift + margin),
      ];
    });
  },
};

function compareRows(columns: number[]) {
  return (a: ReportCell[], b: ReportCell[]) => {
    for (const column of columns) {
      const x = a[column] ?? null;
      const y = b[column] ?? null;
      if (x === y) continue;
      if (x === null) return -1;
      if (y === null) return 1;
      return x < y ? -1 : 1;
    }
    return 0;
  };
}

/** Rows equal, numbers within a tolerance: 1e-9 for ratios, 1 fen where a mean was rounded. */
function expectRows(actual: ReportCell[][], wanted: ReportCell[][], fenTolerance = 0) {
  expect(actual.length).toBe(wanted.length);
  actual.forEach((row, r) =>
    row.forEach((cell, c) => {
      const want = wanted[r]![c];
      if (typeof cell === 'number' && typeof want === 'number')
        expect(Math.abs(cell - want), `row ${r} column ${c}: ${cell} against ${want}`).toBeLessThanOrEqual(
          Number.isInteger(want) ? fenTolerance : 1e-9,
        );
      else expect(cell, `row ${r} column ${c}`).toEqual(want);
    }),
  );
}

const requests: ReportRequest[] = [
  { report: 'points', from: '2026-01-01', to: '2026-03-31', groupBy: 'day' },
  { report: 'points', from: '2026-01-01', to: '2026-03-31', groupBy: 'week' },
  { report: 'points', from: '2026-01-15', to: '2026-03-31', groupBy: 'month', storeIds: ['s1', 's3'] },
];

describe.each([
  ['NDJSON files', true],
  ['memory', false],
])('reports over the local archive kept as %s', (_, onDisk) => {
  let dir: string | undefined;
  let engine: DuckDbArchiveEngine;
  beforeAll(async () => {
    dir = onDisk ? mkdtempSync(join(tmpdir(), 'sbm-archive-')) : undefined;
    const archive = new LocalArchive(dir, TZ);
    for (const record of records) archive.add(record);
    engine = await DuckDbArchiveEngine.open(archive);
  });
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  for (const report of SQL_REPORT_NAMES)
    for (const { from, to, groupBy, storeIds } of [
      ...requests,
      { from: '2026-02-01', to: '2026-03-15', groupBy: 'week' as const, storeIds: ['s2'] },
    ])
      it(`${report} from ${from} to ${to} by ${groupBy}${storeIds ? ` in ${storeIds.join(', ')}` : ''}`, async () => {
        const request: ReportRequest = { report, from, to, groupBy, ...(storeIds && { storeIds }) };
        const table = await runReport({ ...request, entryTier: ENTRY_TIER, timeZone: TZ }, engine);
        const wanted = expected[report](request);
        expect(wanted.length).toBeGreaterThan(0);
        expectRows(table.rows, wanted, report === 'campaigns' ? 1 : 0);
      });
});
