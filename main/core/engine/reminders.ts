import type { EpochMs } from '../domain/ids';

const DAY_MS = 24 * 60 * 60_000;

/** One reminder before a manual token's expiry; `key` is what is stored as sent. */
export interface ReminderMilestone {
  tokenId: string;
  days: number;
  at: EpochMs;
  /** `${tokenId}:${days}`: a new token starts with none of its milestones sent. */
  key: string;
}

export interface ReminderInput {
  tokenId: string;
  expiresAt: EpochMs;
  /** Days before expiry, e.g. 30, 14, 7, 3, 1 (the policy's reminderDays). */
  reminderDays: readonly number[];
  /** Keys of milestones already sent or skipped. */
  sent: readonly string[];
  now: EpochMs;
}

export interface DueReminders {
  /** At most one: the most urgent milestone whose time has come. */
  due: ReminderMilestone[];
  /** Keys of the other milestones that came at the same time: store them as sent with `due`, never notify them. */
  skipKeys: string[];
}

/**
 * Manual tokens cannot renew themselves, so people are reminded before they
 * expire; each milestone fires once per token, never again. When several milestones are due at once, because the app
 * was off, only the most urgent one (fewest days) is sent and the others are
 * skipped: one notification, not a burst of stale ones.
 */
export function dueReminders(input: ReminderInput): DueReminders {
  const unsent = unsentMilestones(input).filter((milestone) => milestone.at <= input.now);
  if (unsent.length === 0) return { due: [], skipKeys: [] };
  const [mostUrgent, ...others] = unsent.sort((a, b) => a.days - b.days);
  return { due: [mostUrgent!], skipKeys: others.map((milestone) => milestone.key) };
}

/** When the next unsent milestone comes (now when one is overdue), or null when all are sent. */
export function nextReminderAt(input: ReminderInput): EpochMs | null {
  const unsent = unsentMilestones(input);
  if (unsent.length === 0) return null;
  return Math.max(input.now, Math.min(...unsent.map((milestone) => milestone.at)));
}

/** All milestones of the token, once per distinct day count, that were not sent. */
export function unsentMilestones(input: Omit<ReminderInput, 'now'>): ReminderMilestone[] {
  const sent = new Set(input.sent);
  const days = [...new Set(input.reminderDays)].filter((d) => Number.isFinite(d) && d >= 0);
  return days
    .map((d) => ({
      tokenId: input.tokenId,
      days: d,
      at: input.expiresAt - d * DAY_MS,
      key: reminderKey(input.tokenId, d),
    }))
    .filter((milestone) => !sent.has(milestone.key));
}

export function reminderKey(tokenId: string, days: number): string {
  return `${tokenId}:${days}`;
}
