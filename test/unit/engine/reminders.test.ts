import { describe, expect, it } from 'vitest';
import { dueReminders, nextReminderAt } from '../../../main/core/engine/reminders';

const DAY = 24 * 60 * 60_000;
const START = Date.UTC(2025, 0, 15, 9, 0, 0);
const EXPIRES = START + 40 * DAY;
const DAYS = [30, 14, 7, 3, 1];

describe('manual token reminders', () => {
  it('fires each milestone once as the expiry comes closer', () => {
    const sent: string[] = [];
    const notified: number[] = [];
    // One check a day, as the planner would wake for each milestone.
    for (let now = START; now <= EXPIRES; now += DAY / 4) {
      const { due, skipKeys } = dueReminders({
        tokenId: 't1',
        expiresAt: EXPIRES,
        reminderDays: DAYS,
        sent,
        now,
      });
      notified.push(...due.map((milestone) => milestone.days));
      sent.push(...due.map((milestone) => milestone.key), ...skipKeys);
    }
    expect(notified).toEqual([30, 14, 7, 3, 1]);
    expect(sent).toEqual(['t1:30', 't1:14', 't1:7', 't1:3', 't1:1']);
  });

  it('sends nothing before the first milestone', () => {
    const result = dueReminders({
      tokenId: 't1',
      expiresAt: EXPIRES,
      reminderDays: DAYS,
      sent: [],
      now: START,
    });
    expect(result).toEqual({ due: [], skipKeys: [] });
  });

  it('collapses several overdue milestones into the most urgent one and skips the rest', () => {
    const now = EXPIRES - 5 * DAY; // the app was off since before the 30-day mark
    const { due, skipKeys } = dueReminders({
      tokenId: 't1',
      expiresAt: EXPIRES,
      reminderDays: DAYS,
      sent: [],
      now,
    });
    expect(due).toEqual([{ tokenId: 't1', days: 7, at: EXPIRES - 7 * DAY, key: 't1:7' }]);
    expect(skipKeys.sort()).toEqual(['t1:14', 't1:30']);

    const sent = [...due.map((m) => m.key), ...skipKeys];
    expect(dueReminders({ tokenId: 't1', expiresAt: EXPIRES, reminderDays: DAYS, sent, now }).due).toEqual(
      [],
    );
    expect(nextReminderAt({ tokenId: 't1', expiresAt: EXPIRES, reminderDays: DAYS, sent, now })).toBe(
      EXPIRES - 3 * DAY,
    );
  });

  it('starts afresh for a new token, whose milestones were never sent', () => {
    const now = EXPIRES - 20 * DAY;
    const sent = ['old:30', 'old:14'];
    const { due } = dueReminders({ tokenId: 'new', expiresAt: EXPIRES, reminderDays: DAYS, sent, now });
    expect(due.map((m) => m.key)).toEqual(['new:30']);
  });

  it('does not double a milestone listed twice', () => {
    const now = EXPIRES - 29 * DAY;
    const result = dueReminders({ tokenId: 't1', expiresAt: EXPIRES, reminderDays: [30, 30], sent: [], now });
    expect(result).toEqual({
      due: [{ tokenId: 't1', days: 30, at: EXPIRES - 30 * DAY, key: 't1:30' }],
      skipKeys: [],
    });
  });

  it('plans the next reminder at the next unsent milestone, at once when one is overdue, and none when all are sent', () => {
    const input = { tokenId: 't1', expiresAt: EXPIRES, reminderDays: DAYS };
    expect(nextReminderAt({ ...input, sent: [], now: START })).toBe(EXPIRES - 30 * DAY);
    expect(nextReminderAt({ ...input, sent: [], now: EXPIRES - 20 * DAY })).toBe(EXPIRES - 20 * DAY);
    const all = DAYS.map((d) => `t1:${d}`);
    expect(nextReminderAt({ ...input, sent: all, now: START })).toBeNull();
  });
});
