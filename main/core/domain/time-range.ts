/**
 * The times TokenTray accepts from outside (the API, partner answers, JWT `exp`): no token
 * was issued before 2000, and past the year 9999 a date has no four-digit year and soon no
 * JavaScript `Date` at all, whose formatting then throws.
 */
export const EARLIEST_TIME_MS = Date.UTC(2000, 0, 1);
export const LATEST_TIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** The time itself when it is within the range, else null (an unknown time, never a wrong one). */
export function boundedTime(at: number): number | null {
  return Number.isInteger(at) && at >= EARLIEST_TIME_MS && at <= LATEST_TIME_MS ? at : null;
}

/** A `Date` for any number that has one, or null: formatting an invalid `Date` throws a RangeError. */
export function dateOrNull(at: number): Date | null {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** What a date that cannot be shown reads as. */
export const UNREADABLE_DATE = 'an unreadable date';
