/** A span of wall time, in the milliseconds of `performance.now()`. */
export interface Span {
  start: number;
  end: number;
}

/**
 * How long at least one span was open: overlapping calls count once. Concurrent
 * keychain calls are served one after another by the Secret Service daemon, so
 * this is the wall time the keychain held the run up, not the sum of latencies.
 */
export function coveredMs(spans: readonly Span[]): number {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let covered = 0;
  let open: Span | undefined;
  for (const span of sorted) {
    if (open && span.start <= open.end) {
      open.end = Math.max(open.end, span.end);
      continue;
    }
    if (open) covered += open.end - open.start;
    open = { start: span.start, end: span.end };
  }
  return open ? covered + (open.end - open.start) : covered;
}

/** The sum of every span's length: the latency the calls added up to. */
export function totalMs(spans: readonly Span[]): number {
  return spans.reduce((sum, span) => sum + (span.end - span.start), 0);
}
