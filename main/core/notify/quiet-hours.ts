import type { QuietHours } from '../domain/settings';

/** `HH:MM` → minutes after local midnight. */
export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/**
 * True when `at` (local time) falls inside the quiet hours. The start is
 * inside, the end is not; a window may pass midnight (22:00–07:00). A window
 * that starts where it ends is empty, never the whole day.
 */
export function isQuietAt(quiet: QuietHours, at: Date): boolean {
  if (!quiet.enabled) return false;
  const start = minutesOfDay(quiet.start);
  const end = minutesOfDay(quiet.end);
  if (start === end) return false;
  const now = at.getHours() * 60 + at.getMinutes();
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** When the quiet hours that hold at `at` end (local time), or null when `at` is not quiet. */
export function quietHoursEndAfter(quiet: QuietHours, at: Date): Date | null {
  if (!isQuietAt(quiet, at)) return null;
  const end = minutesOfDay(quiet.end);
  const candidate = new Date(at);
  candidate.setHours(Math.floor(end / 60), end % 60, 0, 0);
  // Past midnight: 23:30 inside 22:00–07:00 ends tomorrow at 07:00.
  if (candidate.getTime() <= at.getTime()) candidate.setDate(candidate.getDate() + 1);
  return candidate;
}
