import * as z from '../zod';
import { localDateParts, PROGRAMME_TIME_ZONE, startOfLocalDay } from '../calendar';
import { lazySchema } from '../lazy-schema';

/** How long earned points live; part of the versioned earning rules. */
export const expiryPolicySchema = lazySchema(() =>
  z.discriminatedUnion('mode', [
    z
      .strictObject({
        mode: z.literal('end-of-month-after'),
        months: z.int().check(z.gte(1), z.lte(120), z.describe('Months after the month of earning')),
      })
      .check(z.describe('At the end of the month `months` after the month of earning (programme time zone)')),
    z
      .strictObject({
        mode: z.literal('after-days'),
        days: z.int().check(z.gte(1), z.lte(3650), z.describe('Days after the day of earning')),
      })
      .check(z.describe('At the end of the day `days` after the day of earning (programme time zone)')),
    z
      .strictObject({ mode: z.literal('end-of-year') })
      .check(z.describe('At the end of the year of earning (programme time zone)')),
    z.strictObject({ mode: z.literal('never') }).check(z.describe('Points never expire')),
  ]),
);
export type ExpiryPolicy = z.infer<typeof expiryPolicySchema>;

/** The default: points expire at the end of the month, 12 months after the month they were earned in. */
export const DEFAULT_EXPIRY_POLICY: ExpiryPolicy = { mode: 'end-of-month-after', months: 12 };

/** A lot: all of a member's points that expire at the same moment. */
export interface LotRef {
  /** Sortable key part: `YYYY-MM` for month ends, `YYYY-MM-DD` for day ends, `never`. */
  bucket: string;
  /** The instant the points expire (exclusive), ISO UTC; far future for `never`. */
  expiresAt: string;
}

export { startOfLocalDay } from '../calendar';

export const NEVER_EXPIRES_AT = '9999-12-31T00:00:00.000Z';

const pad = (n: number) => String(n).padStart(2, '0');

/** The lot that points earned at `earnedAt` go into, under the expiry policy, in the programme's time zone. */
export function lotFor(
  earnedAt: Date,
  policy: ExpiryPolicy = DEFAULT_EXPIRY_POLICY,
  timeZone = PROGRAMME_TIME_ZONE,
): LotRef {
  const { year, month, day } = localDateParts(earnedAt, timeZone);
  switch (policy.mode) {
    case 'never':
      return { bucket: 'never', expiresAt: NEVER_EXPIRES_AT };
    case 'end-of-year':
      return { bucket: `${year}-12`, expiresAt: startOfLocalDay(year + 1, 1, 1, timeZone).toISOString() };
    case 'after-days': {
      // Expires at the end of the local day N days after earning.
      const end = new Date(Date.UTC(year, month - 1, day + policy.days));
      const bucket = `${end.getUTCFullYear()}-${pad(end.getUTCMonth() + 1)}-${pad(end.getUTCDate())}`;
      return {
        bucket,
        expiresAt: startOfLocalDay(
          end.getUTCFullYear(),
          end.getUTCMonth() + 1,
          end.getUTCDate() + 1,
          timeZone,
        ).toISOString(),
      };
    }
    case 'end-of-month-after': {
      const index = year * 12 + (month - 1) + policy.months;
      const [expiryYear, expiryMonth] = [Math.floor(index / 12), (index % 12) + 1];
      const next = index + 1;
      return {
        bucket: `${expiryYear}-${pad(expiryMonth)}`,
        expiresAt: startOfLocalDay(Math.floor(next / 12), (next % 12) + 1, 1, timeZone).toISOString(),
      };
    }
  }
}

export interface LotBalance extends LotRef {
  remaining: number;
}

/**
 * Which lots a spend of `points` consumes: the soonest-expiring first, skipping lots already expired at
 * `now`. Undefined when the live lots do not cover it.
 */
export function planConsumption(
  lots: LotBalance[],
  points: number,
  now: Date,
): { bucket: string; take: number }[] | undefined {
  const live = lots
    .filter((lot) => lot.remaining > 0 && lot.expiresAt > now.toISOString())
    .sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
  const plan: { bucket: string; take: number }[] = [];
  let left = points;
  for (const lot of live) {
    if (left <= 0) break;
    const take = Math.min(lot.remaining, left);
    plan.push({ bucket: lot.bucket, take });
    left -= take;
  }
  return left > 0 ? undefined : plan;
}

/** Points in live lots that expire within `days` of `now`. */
export function pointsExpiringWithin(lots: LotBalance[], now: Date, days: number): number {
  const horizon = new Date(now.getTime() + days * 86_400_000).toISOString();
  return lots
    .filter((lot) => lot.remaining > 0 && lot.expiresAt > now.toISOString() && lot.expiresAt <= horizon)
    .reduce((sum, lot) => sum + lot.remaining, 0);
}
