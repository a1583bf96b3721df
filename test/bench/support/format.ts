/** Durations per operation: ns below a microsecond, then µs, then ms. */
export function formatNs(ns: number): string {
  if (ns < 1_000) return `${ns.toFixed(0)} ns`;
  if (ns < 1_000_000) return `${(ns / 1_000).toFixed(2)} µs`;
  return `${(ns / 1_000_000).toFixed(2)} ms`;
}

export function formatMs(ms: number): string {
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 10_000) return `${ms.toFixed(0)} ms`;
  if (ms < 600_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(0)} min`;
}

export function formatBytes(bytes: number): string {
  if (Math.abs(bytes) < 10_000) return `${bytes.toFixed(0)} B`;
  if (Math.abs(bytes) < 10_000_000) return `${(bytes / 1024).toFixed(0)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'n/a';
  // A ratio far below one keeps a significant digit instead of rounding to 0.00×.
  if (ratio > 0 && ratio < 0.01) return `${ratio.toPrecision(1)}×`;
  return ratio < 10 ? `${ratio.toFixed(2)}×` : `${ratio.toFixed(0)}×`;
}

export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

export function formatShare(share: number): string {
  return `${(share * 100).toFixed(0)} %`;
}
