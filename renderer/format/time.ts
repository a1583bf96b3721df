import { dateOrNull, UNREADABLE_DATE } from '../../main/core/domain/time-range';

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
});
const fullDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** Short and unambiguous: "14:05" (or "2:05 PM") today, "3 Mar, 14:05" within the year, "3 Mar 2027" beyond. */
export function formatWhen(at: number, now: number = Date.now()): string {
  const date = dateOrNull(at);
  const today = new Date(now);
  // A date beyond JavaScript's range (a damaged or hand-edited file) is shown, not thrown.
  if (date === null || Number.isNaN(today.getTime())) return UNREADABLE_DATE;
  if (sameDay(date, today)) return timeOfDay.format(date);
  if (Math.abs(at - now) < 300 * 24 * 60 * 60_000) return dayAndTime.format(date);
  return fullDate.format(date);
}

/** Date and time to the second, for details and tooltips. */
export function formatFull(at: number): string {
  const date = dateOrNull(at);
  return date ? full.format(date) : UNREADABLE_DATE;
}

/** An ISO 8601 form for markup (`<time dateTime>`), or '' when the number is no date. */
export function toIsoValue(at: number): string {
  return dateOrNull(at)?.toISOString() ?? '';
}

/** A date input's `YYYY-MM-DD` as the end of that day in local time (the token is valid on that day). */
export function fromDateInputValue(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59);
  return Number.isNaN(date.getTime()) ? null : date.getTime();
}
