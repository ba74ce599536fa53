/**
 * `npm run reconcile -- [--from YYYY-MM-DD] [--to YYYY-MM-DD]`: the archive against the ledger, printed as a
 * table; exit code 0 when they balance, 1 when a difference remains, 2 for a bad command line.
 *
 * In the cloud (ARCHIVE_ATHENA_WORKGROUP and ARCHIVE_DATABASE set, with MAIN_TABLE_NAME and AWS_REGION):
 * Athena over the stage's archive and a Scan of its main table. Otherwise the local cloud's data:
 * DuckDB over `.data/archive` (or CRM_DATA_DIR's) and DynamoDB Local at AWS_ENDPOINT_URL_DYNAMODB, which
 * `npm start` prints (the local cloud must be running, and not in memory).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { programmeToday } from '../../calendar';
import { reportRequestSchema } from '../reports/contract';
import type { ArchiveEngine } from '../archive/engine';

const USAGE = `Usage: npm run reconcile -- [--from YYYY-MM-DD] [--to YYYY-MM-DD]
  Business days of the programme's time zone, both included (at most 367); both default to yesterday.
  Cloud: ARCHIVE_ATHENA_WORKGROUP, ARCHIVE_DATABASE, MAIN_TABLE_NAME and AWS_REGION name the stage's.
  Local: AWS_ENDPOINT_URL_DYNAMODB=<the DynamoDB Local address npm start prints>; reads .data/archive
  (CRM_DATA_DIR chooses another data folder).
Exit code 0: balanced; 1: differences remain; 2: this message, or the reconciliation could not run.`;

function refuse(reason: string): never {
  console.error(`${reason}\n\n${USAGE}`);
  process.exit(2);
}

const yesterday = () =>
  new Date(Date.parse(`${programmeToday(new Date())}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

let options: { from?: string; to?: string; help?: boolean };
try {
  ({ values: options } = parseArgs({
    options: { from: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  }));
} catch (error) {
  refuse((error as Error).message);
}
if (options.help) refuse('The event archive against the points ledger.');
const request = reportRequestSchema.safeParse({
  report: 'reconciliation',
  from: options.from ?? options.to ?? yesterday(),
  to: options.to ?? options.from ?? yesterday(),
});
if (!request.success)
  refuse(request.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('\n'));
const period = { from: request.data.from, to: request.data.to };

let engine: ArchiveEngine;
let where: string;
if (process.env.ARCHIVE_ATHENA_WORKGROUP || process.env.ARCHIVE_DATABASE) {
  if (!process.env.MAIN_TABLE_NAME) refuse('MAIN_TABLE_NAME must name the stage’s main table.');
  const { athenaEngineFromEnv } = await import('../archive/athena-engine');
  engine = athenaEngineFromEnv();
  where = `Athena (${process.env.ARCHIVE_ATHENA_WORKGROUP}) against ${process.env.MAIN_TABLE_NAME}`;
} else {
  if (!process.env.AWS_ENDPOINT_URL_DYNAMODB)
    refuse('Set AWS_ENDPOINT_URL_DYNAMODB to the DynamoDB Local address `npm start` printed.');
  const [{ LocalArchive }, { duckDbEngineFor }, { tables }, local] = await Promise.all([
    import('../archive/local-archive'),
    import('../archive/duckdb-engine'),
    import('../../db/tables'),
    import('../../local/dynamodb'),
  ]);
  const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
  const root = join(resolve(repoRoot, process.env.CRM_DATA_DIR || '.data'), 'archive');
  if (!existsSync(root)) refuse(`No local archive at ${root}: is the local cloud kept in memory?`);
  process.env.AWS_REGION ||= local.LOCAL_REGION;
  process.env.AWS_ACCESS_KEY_ID ||= local.LOCAL_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY ||= local.LOCAL_CREDENTIALS.secretAccessKey;
  process.env[tables.main.envVar] ||= local.localTableName(tables.main);
  engine = await duckDbEngineFor(new LocalArchive(root));
  where = `${root} against DynamoDB Local (${process.env.AWS_ENDPOINT_URL_DYNAMODB})`;
}

const { formatReconciliation, isBalanced, reconcile } = await import('./reconcile');
console.error(`Reconciling ${period.from} to ${period.to}: ${where}`);
try {
  const table = await reconcile(period, { engine });
  // The table is the output (stdout, for a pipe or a file); the words around it go to stderr.
  process.stdout.write(`${formatReconciliation(table)}\n`);
  const balanced = isBalanced(table);
  console.error(balanced ? 'Balanced: no difference.' : 'Differences remain (see the rows above).');
  process.exit(balanced ? 0 : 1);
} catch (error) {
  console.error(`Could not reconcile: ${(error as Error).message}`);
  process.exit(2);
}
