/**
 * The reconciliation: each movement of points over a period as the event archive counts it (the points
 * report by day, every store) against the ledger's own sums (`ledger-sums.ts`), day by day. The ledger is
 * the source of truth; a difference says the archive lost, doubled or misdated an event.
 */
import type { ArchiveEngine } from '../archive/engine';
import type { ReportColumn, ReportTable } from '../reports/contract';
import { runReport } from '../reports/run';
import { ledgerSumsByDay, MOVEMENTS, noMovements, type MovementSums } from './ledger-sums';

export interface ReconciliationPeriod {
  /** The first business day, YYYY-MM-DD. */
  from: string;
  /** The last business day, included. */
  to: string;
}

export type SumsByDay = Map<string, MovementSums>;

export const RECONCILIATION_COLUMNS: ReportColumn[] = [
  { name: 'day', type: 'string' },
  { name: 'movement', type: 'string' },
  { name: 'archive_points', type: 'integer' },
  { name: 'ledger_points', type: 'integer' },
  { name: 'difference', type: 'integer' },
];

/** The archive's movements per business day of the period: the points report by day, over every store. */
export async function archiveSumsByDay(
  period: ReconciliationPeriod,
  engine: ArchiveEngine,
): Promise<SumsByDay> {
  const table = await runReport(
    { report: 'points', from: period.from, to: period.to, groupBy: 'day' },
    engine,
  );
  const columnOf = (name: string) => {
    const index = table.columns.findIndex((column) => column.name === name);
    if (index < 0) throw new Error(`The points report has no column ${name}`);
    return index;
  };
  const dayColumn = columnOf('period');
  const movementColumns = MOVEMENTS.map((movement) => [movement, columnOf(movement)] as const);
  const days: SumsByDay = new Map();
  for (const row of table.rows) {
    const sums = noMovements();
    for (const [movement, column] of movementColumns) sums[movement] = Number(row[column] ?? 0);
    days.set(String(row[dayColumn]), sums);
  }
  return days;
}

/**
 * Compares the two sides: a total row per movement over the period (day NULL), always, then a row for
 * every day and movement whose figures differ, by day and in the order of the movements.
 */
export function compareMovements(archive: SumsByDay, ledger: SumsByDay): ReportTable {
  const days = [...new Set([...archive.keys(), ...ledger.keys()])].sort();
  const totals = new Map(MOVEMENTS.map((movement) => [movement, { archive: 0, ledger: 0 }]));
  const differing: ReportTable['rows'] = [];
  for (const day of days) {
    const archived = archive.get(day) ?? noMovements();
    const recorded = ledger.get(day) ?? noMovements();
    for (const movement of MOVEMENTS) {
      const total = totals.get(movement)!;
      total.archive += archived[movement];
      total.ledger += recorded[movement];
      if (archived[movement] !== recorded[movement])
        differing.push([
          day,
          movement,
          archived[movement],
          recorded[movement],
          archived[movement] - recorded[movement],
        ]);
    }
  }
  return {
    columns: RECONCILIATION_COLUMNS,
    rows: [
      ...MOVEMENTS.map((movement) => {
        const total = totals.get(movement)!;
        return [null, movement, total.archive, total.ledger, total.archive - total.ledger];
      }),
      ...differing,
    ],
  };
}

/** Whether a reconciliation found nothing to explain: every row's difference is zero. */
export const isBalanced = (table: ReportTable) =>
  table.rows.every((row) => row[RECONCILIATION_COLUMNS.findIndex((c) => c.name === 'difference')] === 0);

/** The table as people read it in a terminal: columns aligned, figures to the right, `total` for the period. */
export function formatReconciliation(table: ReportTable): string {
  const cells = [
    table.columns.map((column) => column.name),
    ...table.rows.map((row) =>
      row.map((cell, index) =>
        cell === null && table.columns[index]!.name === 'day' ? 'total' : String(cell ?? ''),
      ),
    ),
  ];
  const widths = table.columns.map((_, index) => Math.max(...cells.map((row) => row[index]!.length)));
  return cells
    .map((row) =>
      row
        .map((cell, index) =>
          table.columns[index]!.type === 'string'
            ? cell.padEnd(widths[index]!)
            : cell.padStart(widths[index]!),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Reconciles a period: both sides read at once, then compared. */
export async function reconcile(
  period: ReconciliationPeriod,
  {
    engine,
    ledgerSums = ledgerSumsByDay,
  }: { engine: ArchiveEngine; ledgerSums?: (period: ReconciliationPeriod) => Promise<SumsByDay> },
): Promise<ReportTable> {
  const [archive, ledger] = await Promise.all([archiveSumsByDay(period, engine), ledgerSums(period)]);
  return compareMovements(archive, ledger);
}
