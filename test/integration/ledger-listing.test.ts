// A member's ledger is read from two places (their partition and the ledger index); paging through it
// must show every entry once, newest first, whatever the mix, the page size and the type asked for.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documents } from '../../lib/db/client';
import { tableNameFromEnv } from '../../lib/db/tables';
import { listLedger, onLedger } from '../../lib/loyalty/ledger-listing';
import { ledgerEntryTypes, type LedgerEntry } from '../../lib/loyalty/ledger-schema';

const entry = (type: LedgerEntry['type'], at: string, points: number): LedgerEntry => ({
  type,
  points,
  balanceDelta: points,
  pendingDelta: 0,
  source: { kind: 'test' },
  at,
});

/** Writes a ledger: each line in the member's partition or on an item of its own listed by the index. */
async function writeLedger(customerId: string, lines: { type: LedgerEntry['type']; onOtherItem: boolean }[]) {
  const pk = `CUSTOMER#${customerId}`;
  const written = lines.map((line, index) => {
    // Several lines share an instant, as a busy second does; the reference keeps their keys apart.
    const at = new Date(Date.UTC(2026, 10, 11, 12, 0, Math.floor(index / 3))).toISOString();
    const sk = `LEDGER#${at}#line:${String(index).padStart(3, '0')}`;
    return { ...line, sk, entry: entry(line.type, at, index + 1) };
  });
  for (let first = 0; first < written.length; first += 25) {
    await documents.batchWrite({
      RequestItems: {
        [tableNameFromEnv('main')]: written.slice(first, first + 25).map((line) => ({
          PutRequest: {
            Item: line.onOtherItem
              ? {
                  pk: `OTHER#${customerId}#${line.sk}`,
                  sk: 'OTHER',
                  ...onLedger({ pk, sk: line.sk }, line.entry),
                }
              : { pk, sk: line.sk, ...line.entry },
          },
        })),
      },
    });
  }
  return written;
}

async function pageThrough(customerId: string, limit: number, type?: LedgerEntry['type']) {
  const seen: LedgerEntry[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 200; pages++) {
    const page = await listLedger(customerId, { limit, cursor, type });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items);
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
  throw new Error('paging did not end');
}

describe('listLedger', () => {
  it('pages through entries of the partition and the index together, each once, newest first', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ type: fc.constantFrom('earn', 'redeem', 'expire'), onOtherItem: fc.boolean() }),
          { maxLength: 30 },
        ),
        fc.integer({ min: 1, max: 7 }),
        fc.option(fc.constantFrom(...ledgerEntryTypes.filter((type) => ['earn', 'redeem'].includes(type))), {
          nil: undefined,
        }),
        async (lines, limit, type) => {
          const customerId = `ledger-${Math.random().toString(36).slice(2, 10)}`;
          // Only earn entries are ever kept on other items.
          const written = await writeLedger(
            customerId,
            lines.map((line) => ({ ...line, onOtherItem: line.onOtherItem && line.type === 'earn' })),
          );
          const expected = written
            .filter((line) => !type || line.type === type)
            .sort((a, b) => (a.sk < b.sk ? 1 : -1))
            .map((line) => line.entry);
          expect(await pageThrough(customerId, limit, type)).toEqual(expected);
        },
      ),
      { numRuns: 25, seed: 20261126 },
    );
  });

  it('refuses a cursor that points outside the ledger or into another member', async () => {
    const cursorOf = (key: Record<string, string>) => Buffer.from(JSON.stringify(key)).toString('base64url');
    await expect(
      listLedger('member-a', { limit: 5, cursor: cursorOf({ pk: 'CUSTOMER#member-a', sk: 'LOT#2027-12' }) }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      listLedger('member-a', { limit: 5, cursor: cursorOf({ pk: 'CUSTOMER#member-b', sk: 'LEDGER#2026' }) }),
    ).rejects.toMatchObject({ status: 400 });
  });
});
