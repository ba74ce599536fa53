import * as z from '../zod';
import { startOfLocalDay } from '../calendar';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

import { inUtc } from './moment';

export { momentSchema } from './moment';

/**
 * One end of a period a list is filtered by: a moment as `momentSchema` takes it, or a plain date, read
 * as that day in the programme's time zone — from its first millisecond (`start`) or to its last (`end`),
 * so that `from=2026-12-06&to=2026-12-06` is the whole of that day. Handed on as UTC.
 */
export function periodEndSchema(end: 'start' | 'end') {
  const moment = z.iso.datetime({ offset: true });
  const day = z.iso.date();
  return z.string().check(
    z.refine(
      (value) => day.safeParse(value).success || moment.safeParse(value).success,
      'must be a date (YYYY-MM-DD, a day in Asia/Shanghai) or an ISO 8601 date and time with Z or an offset',
    ),
    z.overwrite((value) => {
      const date = DAY.exec(value);
      if (!date || !day.safeParse(value).success) return inUtc(value);
      const [year, month, dayOfMonth] = date.slice(1).map(Number) as [number, number, number];
      return end === 'start'
        ? startOfLocalDay(year, month, dayOfMonth).toISOString()
        : new Date(startOfLocalDay(year, month, dayOfMonth + 1).getTime() - 1).toISOString();
    }),
    z.describe(
      end === 'start'
        ? 'A moment (ISO 8601 with Z or an offset), or a date: from the start of that day in the programme time zone'
        : 'A moment (ISO 8601 with Z or an offset), or a date: to the end of that day in the programme time zone',
    ),
  );
}

/** A period filter's `from` and `to`, refused when `to` comes before `from`. */
export const periodFilterShape = () => ({
  from: z.optional(periodEndSchema('start')),
  to: z.optional(periodEndSchema('end')),
});

export const periodInOrder = () =>
  z.refine<{ from?: string; to?: string }>(
    (period) => !period.from || !period.to || period.from <= period.to,
    { message: 'must not be before from', path: ['to'] },
  );
