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
