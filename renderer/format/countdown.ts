const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Two units at most, so the text stays short and steady: "2d 4h", "5h 12m", "3m 12s", "45s". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / SECOND)) * SECOND;
  if (total >= DAY) return `${Math.floor(total / DAY)}d ${Math.floor((total % DAY) / HOUR)}h`;
  if (total >= HOUR) return `${Math.floor(total / HOUR)}h ${Math.floor((total % HOUR) / MINUTE)}m`;
  if (total >= MINUTE) return `${Math.floor(total / MINUTE)}m ${Math.floor((total % MINUTE) / SECOND)}s`;
  return `${total / SECOND}s`;
}

/** One unit for the past: "expired 5m ago" reads better than a ticking "expired 5m 12s ago". */
function formatAgo(ms: number): string {
  if (ms >= DAY) return `${Math.floor(ms / DAY)}d`;
  if (ms >= HOUR) return `${Math.floor(ms / HOUR)}h`;
  if (ms >= MINUTE) return `${Math.floor(ms / MINUTE)}m`;
  return `${Math.max(1, Math.floor(ms / SECOND))}s`;
}

/** What a row shows for a token's expiry: a countdown, how long ago it expired, or that nobody knows. */
export function formatCountdown(expiresAt: number | null, now: number): string {
  if (expiresAt === null) return 'lifetime unknown';
  const left = expiresAt - now;
  if (left > 0) return formatDuration(left);
  return `expired ${formatAgo(-left)} ago`;
}

/** How urgent the remaining time is, for colour and weight next to the text (never instead of it). */
export function countdownTone(expiresAt: number | null, now: number): 'expired' | 'soon' | 'normal' {
  if (expiresAt === null) return 'normal';
  const left = expiresAt - now;
  if (left <= 0) return 'expired';
  // Renewals happen well before expiry, so only the last minute is worth a colour of its own.
  return left <= MINUTE ? 'soon' : 'normal';
}
