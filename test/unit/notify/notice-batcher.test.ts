import { describe, expect, it } from 'vitest';
import type { QuietHours } from '../../../main/core/domain/settings';
import { GATHER_MS, NotificationBatcher } from '../../../main/core/notify/notice-batcher';
import type { DesktopNotice } from '../../../main/core/notify/notice-text';
import { FakeClock } from '../../support/fake-clock';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function setUp(startAt: Date, quietHours: QuietHours = { enabled: false, start: '22:00', end: '07:00' }) {
  const clock = new FakeClock(startAt.getTime());
  const delivered: Array<DesktopNotice & { at: Date }> = [];
  const settings = { quietHours };
  const batcher = new NotificationBatcher({
    clock,
    quietHours: () => settings.quietHours,
    deliver: (notice) => delivered.push({ ...notice, at: new Date(clock.now()) }),
  });
  return { clock, delivered, settings, batcher };
}

const needsAction = (n: number) => ({
  kind: 'needsAction' as const,
  connectionId: `c${n}`,
  label: `Partner ${n} · Live`,
});

describe('notification batching', () => {
  it('delivers a lone alert on its own once the gathering window has passed', () => {
    const { clock, delivered, batcher } = setUp(new Date(2025, 0, 15, 10, 0));
    batcher.add(needsAction(1));
    clock.advance(GATHER_MS - 1);
    expect(delivered).toHaveLength(0);
    clock.advance(1);
    expect(delivered.map((n) => n.title)).toEqual(['Partner 1 · Live needs action']);
  });

  it('turns several alerts that come together into one summary', () => {
    const { clock, delivered, batcher } = setUp(new Date(2025, 0, 15, 10, 0));
    batcher.add(needsAction(1));
    clock.advance(1_000);
    batcher.add(needsAction(2));
    batcher.add({ kind: 'reminder', connectionId: 'c3', label: 'Partner 3 · Portal', days: 7, expiresAt: 0 });
    clock.advance(GATHER_MS);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({
      title: '3 connections need your attention',
      count: 3,
      connectionId: 'c1',
    });
  });

  it('starts a new notification for alerts after one was delivered', () => {
    const { clock, delivered, batcher } = setUp(new Date(2025, 0, 15, 10, 0));
    batcher.add(needsAction(1));
    clock.advance(GATHER_MS);
    batcher.add(needsAction(2));
    clock.advance(GATHER_MS);
    expect(delivered.map((n) => n.connectionId)).toEqual(['c1', 'c2']);
  });

  it('holds alerts through quiet hours past midnight and delivers one summary when they end', () => {
    const { clock, delivered, batcher } = setUp(new Date(2025, 0, 15, 23, 0), {
      enabled: true,
      start: '22:00',
      end: '07:00',
    });
    batcher.add(needsAction(1));
    clock.advance(3 * HOUR);
    batcher.add(needsAction(2));
    clock.advance(5 * HOUR - 1);
    expect(delivered).toHaveLength(0);
    expect(batcher.pending).toBe(2);
    clock.advance(1);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ title: '2 connections need your attention', count: 2 });
    expect(delivered[0]!.at).toEqual(new Date(2025, 0, 16, 7, 0));
    expect(batcher.pending).toBe(0);
  });

  it('delivers held alerts at once when quiet hours are switched off', () => {
    const { clock, delivered, settings, batcher } = setUp(new Date(2025, 0, 15, 23, 0), {
      enabled: true,
      start: '22:00',
      end: '07:00',
    });
    batcher.add(needsAction(1));
    clock.advance(GATHER_MS);
    expect(delivered).toHaveLength(0);
    settings.quietHours = { ...settings.quietHours, enabled: false };
    batcher.reconsider();
    expect(delivered.map((n) => n.connectionId)).toEqual(['c1']);
  });

  it('does not cut the gathering window short when reconsidered outside quiet hours', () => {
    const { clock, delivered, batcher } = setUp(new Date(2025, 0, 15, 10, 0));
    batcher.add(needsAction(1));
    batcher.reconsider();
    expect(delivered).toHaveLength(0);
    clock.advance(GATHER_MS);
    expect(delivered).toHaveLength(1);
  });
});
