import { describe, expect, it } from 'vitest';
import type { Settings } from '../../../main/core/domain/settings';
import { DEFAULT_SETTINGS, withReminderDaysMirrored } from '../../../main/core/domain/settings';

const withDays = (top: number[], policy: number[]): Settings => ({
  ...DEFAULT_SETTINGS,
  reminderDays: top,
  renewalPolicy: { ...DEFAULT_SETTINGS.renewalPolicy, reminderDays: policy },
});

describe('the reminder days, one list mirrored in two fields', () => {
  const current = withDays([30, 7], [30, 7]);

  it('takes a change of the top-level field alone into the renewal policy', () => {
    const next = withReminderDaysMirrored(current, withDays([60, 10], [30, 7]));
    expect(next.reminderDays).toEqual([60, 10]);
    expect(next.renewalPolicy.reminderDays).toEqual([60, 10]);
  });

  it("takes a change of the policy's list into the top-level field", () => {
    const next = withReminderDaysMirrored(current, withDays([30, 7], [5]));
    expect(next.reminderDays).toEqual([5]);
    expect(next.renewalPolicy.reminderDays).toEqual([5]);
  });

  it('keeps both as they are when both changed alike, and leaves the rest of the policy alone', () => {
    const changed = withDays([1], [1]);
    const next = withReminderDaysMirrored(current, {
      ...changed,
      renewalPolicy: { ...changed.renewalPolicy, jitterMs: 0 },
    });
    expect(next.reminderDays).toEqual([1]);
    expect(next.renewalPolicy).toMatchObject({ reminderDays: [1], jitterMs: 0 });
  });
});
