/** The middle value (the mean of the two middle ones for an even count); machines are noisy, medians less so. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('The median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Runs `once` `repetitions` times and keeps, per named figure, the median of what each run returned. */
export function medianOfRuns<T extends Record<string, number>>(repetitions: number, once: () => T): T {
  const runs: T[] = [];
  for (let run = 0; run < repetitions; run++) runs.push(once());
  return medianByField(runs);
}

export async function medianOfRunsAsync<T extends Record<string, number>>(
  repetitions: number,
  once: (run: number) => Promise<T>,
): Promise<T> {
  const runs: T[] = [];
  for (let run = 0; run < repetitions; run++) runs.push(await once(run));
  return medianByField(runs);
}

export function medianByField<T extends Record<string, number>>(runs: readonly T[]): T {
  const first = runs[0];
  if (!first) throw new RangeError('No runs to take a median of');
  const result: Record<string, number> = {};
  for (const field of Object.keys(first)) result[field] = median(runs.map((run) => run[field]!));
  return result as T;
}

/** Milliseconds since an arbitrary point, with sub-millisecond resolution. */
export function nowMs(): number {
  return performance.now();
}

/** Nanoseconds per operation for `count` operations that took `ms`. */
export function nsPerOp(ms: number, count: number): number {
  return count === 0 ? 0 : (ms * 1e6) / count;
}

/**
 * CPU time this process has used, in milliseconds. Synchronous loops are timed
 * with it: on a machine shared with other work, wall time also counts the
 * moments the process waited for a core, CPU time does not.
 */
export function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
