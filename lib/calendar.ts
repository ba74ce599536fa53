/** The programme's time zone: business days, month ends and birthdays are reckoned in it. */
export const PROGRAMME_TIME_ZONE = process.env.PROGRAMME_TIME_ZONE ?? 'Asia/Shanghai';

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * One Intl.DateTimeFormat per locale and options, made once: creating one costs far more than using it,
 * and the points pipeline reckons dates for every purchase.
 */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

/** Today's date (YYYY-MM-DD) in the programme's time zone. */
export function programmeToday(now = new Date(), timeZone = PROGRAMME_TIME_ZONE): string {
  return dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The calendar date of an instant in a time zone. */
export function localDateParts(date: Date, timeZone: string) {
  const parts = dateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((part) => part.type === type)!.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

/** The UTC instant at which a local calendar day begins in the time zone (handles fixed offsets like Shanghai's). */
export function startOfLocalDay(
  year: number,
  month: number,
  day: number,
  timeZone = PROGRAMME_TIME_ZONE,
): Date {
  const guess = Date.UTC(year, month - 1, day);
  const offsetMs = (at: number) => {
    const local = localDateParts(new Date(at), timeZone);
    const time = dateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(at));
    const [hours, minutes] = time.split(':').map(Number);
    return Date.UTC(local.year, local.month - 1, local.day, hours, minutes) - at;
  };
  return new Date(guess - offsetMs(guess));
}

/** The programme months (`YYYY-MM`) of the last `months` months, the month of `at` included. */
function lastProgrammeMonths(months: number, at: Date): Set<string> {
  const [year, month] = programmeToday(at).split('-').map(Number) as [number, number];
  const latest = year * 12 + (month - 1);
  return new Set(
    Array.from({ length: months }, (_, back) => {
      const index = latest - back;
      return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    }),
  );
}

/**
 * Months of a by-month map older than the last `months` (the month of `at` included): nothing reads them
 * any more, and removing them keeps the item they live on small (a write costs a unit per KB).
 */
export function monthsBefore(
  byMonth: Record<string, number> | undefined,
  months: number,
  at: Date,
): string[] {
  const oldest = [...lastProgrammeMonths(months, at)].sort()[0]!;
  return Object.keys(byMonth ?? {}).filter((key) => key < oldest);
}

/**
 * Amounts kept by programme month (`YYYY-MM`) summed over the last `months` months, the month of `at`
 * included: rolling qualifying points, spend over a period.
 */
export function sumOverProgrammeMonths(
  byMonth: Record<string, number> | undefined,
  months: number,
  at: Date,
): number {
  const wanted = lastProgrammeMonths(months, at);
  return Object.entries(byMonth ?? {})
    .filter(([key]) => wanted.has(key))
    .reduce((sum, [, amount]) => sum + amount, 0);
}
