import { describe, expect, it } from 'vitest';
import type { QuietHours } from '../../../main/core/domain/settings';
import { isQuietAt, quietHoursEndAfter } from '../../../main/core/notify/quiet-hours';

/** A local time on 15 January 2025 (the next day when `day` is 16). */
const at = (hours: number, minutes = 0, day = 15) => new Date(2025, 0, day, hours, minutes);
const night: QuietHours = { enabled: true, start: '22:00', end: '07:00' };
const lunch: QuietHours = { enabled: true, start: '13:00', end: '14:00' };

describe('quiet hours', () => {
  it('are never quiet while switched off', () => {
    expect(isQuietAt({ ...night, enabled: false }, at(23))).toBe(false);
  });

  it.each([
    [12, 59, false],
    [13, 0, true],
    [13, 59, true],
    [14, 0, false],
  ])('within one day (13:00–14:00), %i:%i is quiet: %s', (h, m, quiet) => {
    expect(isQuietAt(lunch, at(h, m))).toBe(quiet);
  });

  it.each([
    [21, 59, false],
    [22, 0, true],
    [23, 30, true],
    [0, 0, true],
    [6, 59, true],
    [7, 0, false],
    [12, 0, false],
  ])('past midnight (22:00–07:00), %i:%i is quiet: %s', (h, m, quiet) => {
    expect(isQuietAt(night, at(h, m))).toBe(quiet);
  });

  it('treat a window that starts where it ends as empty, not as the whole day', () => {
    expect(isQuietAt({ enabled: true, start: '09:00', end: '09:00' }, at(9))).toBe(false);
  });

  it('end tomorrow morning when they began this evening', () => {
    expect(quietHoursEndAfter(night, at(23, 30))).toEqual(at(7, 0, 16));
  });

  it('end this morning when it is already after midnight', () => {
    expect(quietHoursEndAfter(night, at(3, 15))).toEqual(at(7, 0));
  });

  it('have no end to wait for outside them', () => {
    expect(quietHoursEndAfter(night, at(12))).toBeNull();
    expect(quietHoursEndAfter(lunch, at(13, 30))).toEqual(at(14, 0));
  });
});
