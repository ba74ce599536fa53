import { addDays } from '@sbm/web-shared/format';

/** A day as the URL carries it. */
export const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Whether a YYYY-MM-DD string is a real date (2027-02-30 is not). */
export const isDay = (day: string | null): day is string => !!day && DAY.test(day) && addDays(day, 0) === day;

/** The clock time (HH:MM) of an instant in the venue's time zone, whatever the browser's zone. */
export const clockOf = (iso: string, timeZone: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(iso),
  );
