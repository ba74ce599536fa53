import { createHash } from 'node:crypto';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Prefixes longer than this are not indexed: a longer query looks up its first ten and checks the rest. */
export const MAX_INDEXED_PREFIX = 10;
/** Words of a name beyond the first that are searchable on their own ("Li Wei" is found by "wei"). */
const MAX_WORDS = 4;

const codePoints = (text: string) => [...text];

/**
 * A name's words as search compares them: compatibility forms folded (full-width ＬＩ is li, ㈱ is
 * (株)), lower case, Latin accents dropped (José is jose), and anything but letters and digits a
 * separator (the middle dot of 阿依古丽·买买提, hyphens, apostrophes). Chinese characters stay as they
 * are: a Chinese name has no spaces, so it is one word.
 */
export function nameWords(name: string): string[] {
  const folded = name
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .normalize('NFC');
  return folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** What a query is looked up as: its words run together (so "li wei" and "liwei" are the same search). */
export const nameSearchKey = (query: string) => nameWords(query).join('');

/**
 * The terms a name is found by: all its words run together (the whole name, 王小明 or liwei), and each
 * later word on its own (wei), for names written with spaces.
 */
export function nameTerms(name: string): string[] {
  const words = nameWords(name).slice(0, MAX_WORDS);
  if (!words.length) return [];
  return [...new Set([words.join(''), ...words.slice(1)])];
}

/** Every prefix of every term, up to MAX_INDEXED_PREFIX characters: one index item each. */
export function namePrefixes(name: string | undefined): string[] {
  if (!name) return [];
  const prefixes = new Set<string>();
  for (const term of nameTerms(name)) {
    const chars = codePoints(term);
    for (let length = 1; length <= Math.min(chars.length, MAX_INDEXED_PREFIX); length++)
      prefixes.add(chars.slice(0, length).join(''));
  }
  return [...prefixes];
}

/** Whether a member of this name answers the query: a term of the name begins with the query's key. */
export function nameMatches(name: string | undefined, query: string): boolean {
  const key = nameSearchKey(query);
  return !!name && !!key && nameTerms(name).some((term) => term.startsWith(key));
}

/** The prefix a query is looked up by in the index. */
export const lookupPrefix = (query: string) =>
  codePoints(nameSearchKey(query)).slice(0, MAX_INDEXED_PREFIX).join('');

/** Keys hold a digest of the prefix, never the name itself, so no key or log line carries a name. */
const digestOf = (prefix: string) => createHash('sha256').update(`name-prefix:${prefix}`).digest('hex');

/** The index partition of members whose name has this prefix (gsi1), in registration order. */
export const namePrefixPartition = (prefix: string) => `NAMEPREFIX#${digestOf(prefix)}`;

/** A member's own index items, one per prefix of their name. */
export const nameIndexPartition = (customerId: string) => `NAMEINDEX#${customerId}`;

const indexItemKey = (customerId: string, prefix: string) => ({
  pk: nameIndexPartition(customerId),
  sk: `PREFIX#${digestOf(prefix)}`,
});

/** The index item that lists a member under one prefix of their name. */
export const nameIndexItem = (customerId: string, prefix: string) => ({
  ...indexItemKey(customerId, prefix),
  customerId,
  gsi1pk: namePrefixPartition(prefix),
  gsi1sk: `CUSTOMER#${customerId}`,
});

/**
 * The writes that move a member in the name index from one name to another (either may be absent: a
 * first name, an erasure), to go in the same transaction as the profile's write. Only the prefixes that
 * change are written, a few items for a Chinese name.
 */
export function nameIndexWrites(
  table: string,
  customerId: string,
  before: string | undefined,
  after: string | undefined,
): TransactItem[] {
  const old = new Set(namePrefixes(before));
  const next = new Set(namePrefixes(after));
  return [
    ...[...old]
      .filter((prefix) => !next.has(prefix))
      .map((prefix) => ({ Delete: { TableName: table, Key: indexItemKey(customerId, prefix) } })),
    ...[...next]
      .filter((prefix) => !old.has(prefix))
      .map((prefix) => ({ Put: { TableName: table, Item: nameIndexItem(customerId, prefix) } })),
  ];
}
