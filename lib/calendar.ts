/** The programme's time zone: business days, month ends and birthdays are reckoned in it. */
export const PROGRAMME_TIME_ZONE = process.env.PROGRAMME_TIME_ZONE ?? 'Asia/Shanghai';

/** Today's date (YYYY-MM-DD) in the programme's time zone. */
export function programmeToday(now = new Date(), timeZone = PROGRAMME_TIME_ZONE): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
