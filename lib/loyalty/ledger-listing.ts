import { documents } from '../db/client';
import { decodeCursor, encodeCursor, invalidCursor } from '../db/cursor';
import { tableNameFromEnv } from '../db/tables';
import { ledgerEntrySchema, type LedgerEntry, type LedgerEntryType } from './ledger-schema';

/**
 * A member's ledger lives in two places: entries of their own in the member's partition
 * (CUSTOMER#<id> / LEDGER#<at>#<ref>), and entries kept on another item, listed under the same keys by
 * the ledger index (gsi3). A purchase's earn entry is kept on its purchase record, so a credit writes one
 * item fewer. Both carry the same sort keys, so a page is the two read side by side and merged.
 */
const LEDGER = 'LEDGER#';
/** After every ledger sort key: LEDGER#<ISO instant>#<ref>. */
const AFTER_LAST = 'LEDGER#~';

/** The attributes that put an entry kept on another item on its member's ledger, where `key` says. */
export const onLedger = (key: { pk: string; sk: string }, entry: LedgerEntry) => ({
  gsi3pk: key.pk,
  gsi3sk: key.sk,
  ledgerEntry: entry,
});

/** Where the entries of a ledger are found: the member's partition, or the ledger index. */
type LedgerSource = 'partition' | 'index';

interface LedgerPage {
  /** Entries read, with their sort keys. */
  entries: { sortKey: string; entry: LedgerEntry }[];
  /** The sort key the read stopped at when the source holds more below it. */
  stoppedAt?: string;
}

async function readLedgerSource(
  source: LedgerSource,
  pk: string,
  page: { limit: number; before?: string; type?: LedgerEntryType },
): Promise<LedgerPage> {
  const [partitionKey, sortKey] = source === 'index' ? ['gsi3pk', 'gsi3sk'] : ['pk', 'sk'];
  const result = await documents.query({
    TableName: tableNameFromEnv('main'),
    ...(source === 'index' && { IndexName: 'gsi3' }),
    KeyConditionExpression: `${partitionKey} = :pk AND ${sortKey} BETWEEN :first AND :last`,
    ...(page.type && {
      FilterExpression: source === 'index' ? 'ledgerEntry.#type = :type' : '#type = :type',
      ExpressionAttributeNames: { '#type': 'type' },
    }),
    ExpressionAttributeValues: {
      ':pk': pk,
      ':first': LEDGER,
      ':last': page.before ?? AFTER_LAST,
      ...(page.type && { ':type': page.type }),
    },
    ScanIndexForward: false,
    // The range includes the cursor's own entry, which is left out below.
    Limit: page.limit + (page.before ? 1 : 0),
  });
  const entries = (result.Items ?? [])
    .filter((item) => item[sortKey] !== page.before)
    .map((item) => ({
      sortKey: String(item[sortKey]),
      entry: ledgerEntrySchema.parse(source === 'index' ? item.ledgerEntry : item),
    }));
  const stoppedAt = result.LastEvaluatedKey?.[sortKey];
  return { entries, ...(typeof stoppedAt === 'string' && { stoppedAt }) };
}

/**
 * Merges pages of several sources, newest first. Entries above the highest key a source stopped at are
 * all known (every source was read past them); below it, a source not read yet may hold more. So at most
 * `limit` of the known entries are shown, and the next page starts below the last shown, or below the
 * stopping point when fewer are known.
 */
function mergeLedgerPages(
  pages: readonly LedgerPage[],
  limit: number,
): { entries: LedgerPage['entries']; nextBefore?: string } {
  const stops = pages.flatMap((page) => (page.stoppedAt === undefined ? [] : [page.stoppedAt]));
  const knownDownTo = stops.sort().at(-1);
  const known = pages
    .flatMap((page) => page.entries)
    .filter((entry) => knownDownTo === undefined || entry.sortKey >= knownDownTo)
    .sort((a, b) => (a.sortKey < b.sortKey ? 1 : a.sortKey > b.sortKey ? -1 : 0));
  const entries = known.slice(0, limit);
  if (entries.length === limit && (known.length > limit || knownDownTo !== undefined))
    return { entries, nextBefore: entries.at(-1)!.sortKey };
  return { entries, ...(knownDownTo !== undefined && { nextBefore: knownDownTo }) };
}

/** A member's ledger, newest first, optionally of one entry type. */
export async function listLedger(
  customerId: string,
  page: { limit: number; cursor?: string; type?: LedgerEntryType },
) {
  const pk = `CUSTOMER#${customerId}`;
  const before = (await decodeCursor(page.cursor, { partition: { pk } }))?.sk;
  if (before !== undefined && (typeof before !== 'string' || !before.startsWith(LEDGER)))
    throw invalidCursor();
  // Only earn entries are kept on other items (purchase records).
  const sources: LedgerSource[] = page.type && page.type !== 'earn' ? ['partition'] : ['partition', 'index'];
  const pages = await Promise.all(
    sources.map((source) => readLedgerSource(source, pk, { limit: page.limit, before, type: page.type })),
  );
  const merged = mergeLedgerPages(pages, page.limit);
  return {
    items: merged.entries.map(({ entry }) => entry),
    nextCursor:
      (await encodeCursor(merged.nextBefore === undefined ? undefined : { pk, sk: merged.nextBefore }, {
        partition: { pk },
      })) ?? null,
  };
}
