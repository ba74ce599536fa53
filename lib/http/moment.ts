import * as z from '../zod';
import { lazySchema } from '../lazy-schema';

// Browser-safe: the console validates campaign times with this very schema (web/shared/src/contracts).

/** The same moment as a UTC ISO string: stored and compared times then sort as strings do. */
export const inUtc = (value: string) => {
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
};

/**
 * A moment as clients send it, ISO 8601 with `Z` or an offset (`2026-12-01T00:00:00+08:00`), handed on
 * as UTC (`2026-11-30T16:00:00.000Z`).
 */
export const momentSchema = lazySchema(() => z.iso.datetime({ offset: true }).check(z.overwrite(inUtc)));
