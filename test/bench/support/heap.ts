type Gc = () => void;

/** Heap in use after a full collection, so that a delta counts what is still reachable. Needs `node --expose-gc`. */
export function heapUsedAfterGc(): number {
  const gc = (globalThis as { gc?: Gc }).gc;
  if (!gc)
    throw new Error('Run the benchmarks with `node --expose-gc` (npm run bench does) to measure memory.');
  // Twice: the first pass may leave weak references and finalisers for the second.
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Bytes per item that `build` keeps reachable: the heap after it minus the heap before, over `count`. */
export function bytesPerItem<T>(count: number, build: () => T): { bytesPerItem: number; kept: T } {
  const before = heapUsedAfterGc();
  const kept = build();
  const after = heapUsedAfterGc();
  return { bytesPerItem: (after - before) / count, kept };
}

/** A full collection before a timed run, so that garbage from the last one is not collected inside it. */
export function collectGarbage(): void {
  (globalThis as { gc?: Gc }).gc?.();
}
