import { describe, expect, it } from 'vitest';
import { connectionKeys } from './scheduler/due-times';
import { runScheduler } from './scheduler/scheduler-run';
import { coveredMs, totalMs } from './support/busy-time';
import { renderTable } from './support/report';
import { median, medianByField } from './support/stats';

// The benchmarks' own arithmetic and checks; no timing is asserted here.
describe('benchmark support', () => {
  it('takes the middle value as the median, and the mean of the two middle ones for an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(
      medianByField([
        { a: 1, b: 9 },
        { a: 3, b: 7 },
        { a: 2, b: 8 },
      ]),
    ).toEqual({ a: 2, b: 8 });
  });

  it('counts overlapping keychain calls once in the covered time, but each in the summed latency', () => {
    const calls = [
      { start: 0, end: 10 },
      { start: 5, end: 15 },
      { start: 20, end: 25 },
    ];
    expect(coveredMs(calls)).toBe(20);
    expect(totalMs(calls)).toBe(25);
    expect(coveredMs([])).toBe(0);
  });

  it('renders a table as aligned markdown', () => {
    const text = renderTable({ headers: ['size', 'cost'], rows: [['1k', '5 ns']] });
    expect(text.split('\n')).toEqual(['| size | cost |', '| ---- | ---- |', '| 1k   | 5 ns |']);
  });

  it('the scheduler run fires a thousand connections once each through a single live timer', () => {
    const run = runScheduler(connectionKeys(1_000), 7);
    // The run throws when a connection fires twice or a second timer is ever live.
    expect(run.drainWakes).toBeGreaterThan(0);
    expect(Number.isFinite(run.replanNs)).toBe(true);
  });
});
