import dayjs, { type Dayjs } from 'dayjs';
import { PROGRAMME_TIME_ZONE } from '@sbm/web-shared/format';

/**
 * Date pickers show wall-clock times in the browser's zone; staff mean Shanghai's. A moment is shown as
 * its Shanghai wall clock, and a picked wall clock is read as Shanghai's (UTC+8, no daylight saving).
 */
export function shanghaiWallClock(moment: string | Date): Dayjs {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: PROGRAMME_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(typeof moment === 'string' ? new Date(moment) : moment);
  const get = (type: string) => parts.find((part) => part.type === type)!.value;
  return dayjs(
    `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}`,
  );
}

/** A picked wall-clock time as a Shanghai moment: 2026-12-01T00:00:00+08:00. */
export const asShanghaiMoment = (picked: Dayjs) => `${picked.format('YYYY-MM-DDTHH:mm:ss')}+08:00`;

/** Yuan typed in a form as fen, exactly: 128.5 → 12850. */
export const fenOf = (yuan: number) => Math.round(yuan * 100);
