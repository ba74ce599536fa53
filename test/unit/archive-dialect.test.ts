// The report SQL stays in the subset both engines read alike, and the local archive files what it should.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileParameters, unsafeDivisions } from '../../lib/analytics/archive/dialect';
import { DuckDbArchiveEngine } from '../../lib/analytics/archive/duckdb-engine';
import { LocalArchive } from '../../lib/analytics/archive/local-archive';
import { SQL_REPORT_NAMES } from '../../lib/analytics/reports/contract';
import { reportSql, runReport } from '../../lib/analytics/reports/run';
import { catalogue } from '../../events/catalogue';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'sbm-archive-'));
  dirs.push(dir);
  return dir;
};

describe('report SQL', () => {
  it.each(SQL_REPORT_NAMES)('%s divides only as CAST(… AS DOUBLE) / …', (report) => {
    expect(unsafeDivisions(reportSql(report))).toEqual([]);
  });

  it('finds a bare division, one in a string or comment aside', () => {
    expect(
      unsafeDivisions("SELECT a / b, CAST(a AS DOUBLE) / b, '1/2' -- x/y\nFROM t\nWHERE c/2 > 1"),
    ).toEqual([1, 3]);
  });

  it('binds named parameters as positional values in order, and refuses one without a value', () => {
    expect(
      compileParameters("SELECT :from, :to, x::int, ':nope' -- :gone\n", { from: 'a', to: 'b' }),
    ).toEqual({
      sql: "SELECT CAST(? AS VARCHAR), CAST(? AS VARCHAR), x::int, ':nope' \n",
      params: ['a', 'b'],
    });
    expect(() => compileParameters('SELECT :missing', {})).toThrow(/:missing/);
  });

  it.each(SQL_REPORT_NAMES)(
    '%s runs on DuckDB over an empty archive, on disk and in memory',
    async (report) => {
      for (const root of [tempDir(), undefined]) {
        const engine = await DuckDbArchiveEngine.open(new LocalArchive(root));
        const table = await runReport(
          { report, from: '2026-01-01', to: '2026-01-31', groupBy: 'week', storeIds: ['s1'] },
          engine,
        );
        expect(table.columns.length).toBeGreaterThan(2);
      }
    },
  );
});

const eventOf = (detailType: string, source: string, eventId: string, occurredAt: string) => ({
  id: `eb-${eventId}`,
  'detail-type': detailType,
  source,
  time: occurredAt,
  detail: {
    metadata: { eventId, schemaVersion: 1, correlationId: 'c', occurredAt },
    data: { ...catalogue.CustomerRegistered.example, customerId: eventId },
  },
});

describe('the local archive', () => {
  it('files catalogue events by event and Shanghai business day, in the order accepted, and no others', async () => {
    const root = tempDir();
    const archive = new LocalArchive(root, 'Asia/Shanghai');
    const accepted = [
      archive.accept(eventOf('CustomerRegistered', 'sbm.crm.customers', 'a', '2026-01-01T15:59:59.999Z')),
      archive.accept(eventOf('CustomerRegistered', 'sbm.crm.customers', 'b', '2026-01-01T16:00:00.000Z')),
      archive.accept(eventOf('CustomerRegistered', 'sbm.crm.customers', 'c', '2026-01-02T01:00:00.000Z')),
      archive.accept(eventOf('SomethingElse', 'sbm.crm.customers', 'd', '2026-01-02T01:00:00.000Z')),
      archive.accept(eventOf('CustomerRegistered', 'someone.else', 'e', '2026-01-02T01:00:00.000Z')),
    ];
    expect(accepted).toEqual([true, true, true, false, false]);
    await archive.flush();
    expect(readdirSync(root)).toEqual(['event=CustomerRegistered']);
    expect(readdirSync(join(root, 'event=CustomerRegistered')).sort()).toEqual([
      'day=2026-01-01',
      'day=2026-01-02',
    ]);
    const ids = (day: string) =>
      readFileSync(join(root, 'event=CustomerRegistered', `day=${day}`, 'events.ndjson'), 'utf8')
        .trim()
        .split('\n')
        .map(
          (line) =>
            (JSON.parse(line) as { detail: { metadata: { eventId: string } } }).detail.metadata.eventId,
        );
    expect(ids('2026-01-01')).toEqual(['a']);
    expect(ids('2026-01-02')).toEqual(['b', 'c']);
  });

  it('lets a query see every event accepted before it', async () => {
    for (const root of [tempDir(), undefined]) {
      const archive = new LocalArchive(root, 'Asia/Shanghai');
      const engine = await DuckDbArchiveEngine.open(archive);
      const count = async () =>
        (await engine.query("SELECT count(*) AS n FROM events WHERE event = 'CustomerRegistered'", []))
          .rows[0]![0];
      expect(await count()).toBe(0);
      for (let i = 0; i < 50; i++)
        archive.accept(
          eventOf('CustomerRegistered', 'sbm.crm.customers', `m${i}`, '2026-01-02T01:00:00.000Z'),
        );
      expect(await count()).toBe(50);
      archive.accept(eventOf('CustomerRegistered', 'sbm.crm.customers', 'late', '2026-01-03T01:00:00.000Z'));
      expect(await count()).toBe(51);
    }
  });
});

describe('a record the local archive cannot file', () => {
  it('goes to the errors as Firehose would, never into the reports, and never fails the publisher', async () => {
    for (const root of [tempDir(), undefined]) {
      const archive = new LocalArchive(root, 'Asia/Shanghai');
      const poison = { ...eventOf('CustomerRegistered', 'sbm.crm.customers', 'p', 'not a time') };
      const bare = { ...poison, id: 'bare', detail: { data: {} } };
      expect(archive.accept(poison)).toBe(false);
      expect(archive.accept(bare)).toBe(false);
      expect(
        archive.accept(eventOf('CustomerRegistered', 'sbm.crm.customers', 'ok', '2026-01-02T01:00:00.000Z')),
      ).toBe(true);
      await archive.flush();
      if (root) {
        const [day] = readdirSync(join(root, 'errors', 'PARTITION_FAILED'));
        const lines = readFileSync(join(root, 'errors', 'PARTITION_FAILED', day!, 'errors.ndjson'), 'utf8')
          .trim()
          .split('\n');
        expect(lines.map((line) => (JSON.parse(line) as { errorCode: string }).errorCode)).toEqual([
          'PARTITION_FAILED',
          'PARTITION_FAILED',
        ]);
      } else expect(archive.errors.map((error) => error.record.id)).toEqual([poison.id, 'bare']);
      expect(archive.summary().byEvent).toMatchObject({ errors: 2, CustomerRegistered: 1 });
      const engine = await DuckDbArchiveEngine.open(archive);
      expect((await engine.query('SELECT count(*) AS n FROM events', [])).rows).toEqual([[1]]);
    }
  });
});

describe('the local EventBridge', () => {
  it('hands the archive every event it accepts, before any delivery', async () => {
    const { LocalEventBridge } = await import('../../lib/local/eventbridge');
    const archive = new LocalArchive(undefined, 'Asia/Shanghai');
    const bus = new LocalEventBridge({
      busName: 'bus',
      rules: [],
      invoke: async () => undefined,
      retryAttempts: 0,
      retryBaseDelayMs: 1,
      onAccepted: (event) => archive.accept(event),
    });
    const detail = eventOf(
      'CustomerRegistered',
      'sbm.crm.customers',
      'bus-1',
      '2026-03-01T00:00:00.000Z',
    ).detail;
    bus.putEvents({
      Entries: [
        {
          EventBusName: 'bus',
          Source: 'sbm.crm.customers',
          DetailType: 'CustomerRegistered',
          Detail: JSON.stringify(detail),
        },
        { EventBusName: 'bus', Source: 'sbm.crm.customers', DetailType: 'NotInTheCatalogue', Detail: '{}' },
      ],
    });
    expect(archive.memory.map((record) => [record.detail_type, record.day])).toEqual([
      ['CustomerRegistered', '2026-03-01'],
    ]);
    expect(archive.summary()).toMatchObject({
      mode: 'memory',
      archived: 1,
      byEvent: { CustomerRegistered: 1 },
    });
  });
});
