import type { ScanCommandInput } from '@aws-sdk/lib-dynamodb';
import { documents } from '../../lib/db/client';

/**
 * Every item a scan finds, page after page: one call reads at most 1 MB, and a suite's shared table holds
 * far more than that, so a filter's match can sit pages in.
 */
export async function scanAll(input: ScanCommandInput): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let after: Record<string, unknown> | undefined;
  do {
    const page = await documents.scan({ ...input, ...(after && { ExclusiveStartKey: after }) });
    items.push(...(page.Items ?? []));
    after = page.LastEvaluatedKey;
  } while (after);
  return items;
}
