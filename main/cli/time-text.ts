export function isoOrNull(epochMs: number | null | undefined): string | null {
  return epochMs === null || epochMs === undefined ? null : new Date(epochMs).toISOString();
}

/** "in 3h 5m", "expired 2m ago", "unknown": coarse, as a terminal column needs. */
export function timeLeft(expiresAt: number | null, now: number): string {
  if (expiresAt === null) return 'unknown';
  const ms = expiresAt - now;
  const text = span(Math.abs(ms));
  return ms > 0 ? `in ${text}` : `expired ${text} ago`;
}

function span(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return `${Math.max(0, Math.floor(ms / 1000))}s`;
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d`;
}
