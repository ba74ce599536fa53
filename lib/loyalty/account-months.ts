/**
 * How many programme months of each by-month map the points account keeps. Older months are removed as
 * credits add new ones, so a member of many years has an account item of the same size (under 1 KB, one
 * write unit) as a new one.
 */

/** Qualifying points: the rolling 12-month tier window, and one month to spare. */
export const QUALIFYING_MONTHS_KEPT = 13;

/** Spend: the longest period a campaign segment may ask about ("spent X over the last N months"). */
export const SPEND_MONTHS_KEPT = 24;
