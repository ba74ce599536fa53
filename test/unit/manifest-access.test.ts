// Each function's declared table access is exactly what its handler's code can reach: a grant beyond it
// fails here, and so does an operation the code calls without a grant (integration tests run without IAM).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { declarations } from '../../lib/manifest';
import { tableActions } from '../../lib/manifest/table-actions';
import type { FunctionDeclaration } from '../../lib/manifest/types';
import {
  createAccessAnalyser,
  neededTableActions,
  unusedAuthentication,
  type ReachedAccess,
} from '../support/access-analysis';

const root = join(import.meta.dirname, '../..');

describe('declared access and the code', () => {
  const reached = new Map<string, ReachedAccess>();
  const entries = declarations() as [string, FunctionDeclaration][];
  let analyse: ReturnType<typeof createAccessAnalyser>;

  // One TypeScript program of every handler and what it imports (slow on a busy machine).
  beforeAll(() => {
    analyse = createAccessAnalyser(
      root,
      entries.map(([, declaration]) => declaration.handler),
    );
    for (const [name, declaration] of entries)
      reached.set(name, analyse(declaration.handler, unusedAuthentication(declaration.trigger)));
  }, 300_000);

  it('grants each function the DynamoDB actions its code reaches, per table, and no other', () => {
    const mismatches: string[] = [];
    for (const [name, declaration] of entries) {
      const needed = neededTableActions(reached.get(name)!);
      for (const table of ['main', 'idempotency'] as const) {
        const declared = declaration.access.tables?.[table];
        const granted = declared ? tableActions(declared).sort() : [];
        const wanted = needed[table] ?? [];
        if (JSON.stringify(granted) !== JSON.stringify(wanted))
          mismatches.push(
            `${name} ${table}: declared [${granted.join(', ')}], code reaches [${wanted.join(', ')}]`,
          );
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('scans only in the functions that read a whole table', () => {
    const scanning = entries
      .filter(([, declaration]) => declaration.access.tables?.main?.reads?.includes('scan'))
      .map(([name]) => name)
      .sort();
    expect(scanning).toEqual(['previewCampaignAudience', 'runReport', 'startDueBlasts']);
  });

  it('lets exactly the functions that keep audit entries append them', () => {
    for (const [name, declaration] of entries)
      expect(declaration.access.appendsAudit ?? false, name).toBe(reached.get(name)!.keepsAudit);
  });

  it('grants the other AWS services only to functions whose code calls them', () => {
    const mismatches: string[] = [];
    for (const [name, { access }] of entries) {
      const clients = reached.get(name)!.clients;
      const pairs: [string, boolean, boolean][] = [
        ['events', access.publishesEvents ?? false, clients.has('eventBridge')],
        ['POS usage plan', access.managesPosUsagePlan !== undefined, clients.has('apiGateway')],
        [
          'new POS API keys',
          access.managesPosUsagePlan === 'addAndDisableKeys',
          reached.get(name)!.commands.has('CreateApiKeyCommand'),
        ],
        [
          'disabling POS API keys',
          access.managesPosUsagePlan !== undefined,
          reached.get(name)!.commands.has('UpdateApiKeyCommand'),
        ],
        ['queues', (access.sendsTo ?? []).length + (access.redrives ?? []).length > 0, clients.has('sqs')],
        ['archive', access.queriesArchive ?? false, clients.has('athena')],
      ];
      for (const [what, declared, called] of pairs)
        if (declared !== called) mismatches.push(`${name} ${what}: declared ${declared}, called ${called}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('finds operations through dynamic imports, callbacks and transactions', () => {
    const staffRoute = analyse('functions/pos/create-store.ts');
    // The staff check loads lib/auth/staff-access.ts with a dynamic import; the audit entry is a transaction.
    expect([...(staffRoute.tables.main ?? [])]).toEqual(expect.arrayContaining(['get', 'transactWrite']));
    expect(staffRoute.keepsAudit).toBe(true);
    const tally = analyse('functions/analytics/record-daily-sales.ts');
    expect([...(tally.tables.idempotency ?? [])]).toEqual(['transactPut']);
    expect(tally.keepsAudit).toBe(false);
    // A member route skips the staff and POS checks it never runs: its code reads only by query.
    const memberRoute = analyse(
      'functions/notifications/list-my-inbox.ts',
      unusedAuthentication({ kind: 'http', route: { auth: { kind: 'customer' } } }),
    );
    expect([...(memberRoute.tables.main ?? [])]).toEqual(['query']);
    expect([...(analyse('functions/notifications/list-my-inbox.ts').tables.main ?? [])].sort()).toEqual([
      'get',
      'query',
    ]);
  });
});
