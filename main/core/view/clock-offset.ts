import type { ConnectionState } from '../domain';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Beyond this, a clock difference is a wrong clock rather than drift (Kerberos refuses past five minutes too). */
export const CLOCK_OFFSET_WARNING_MS = 5 * MINUTE;

/** How far this computer's clock is from the partners', measured from their answers' `Date` headers. */
export interface ClockOffset {
  /** This computer's clock minus the partners' (the median over connections): positive when it is ahead. */
  aheadMs: number;
  /** Connections with a measurement. */
  measured: number;
  /** Set when the offset is beyond CLOCK_OFFSET_WARNING_MS. */
  warning: string | null;
}

/** This computer's clock minus the partner's, where a renewal answer measured it; null where none did. */
export function aheadOfPartnerMs(
  state: Pick<ConnectionState, 'clockSkewMs' | 'lastRenewedAt'>,
): number | null {
  // clockSkewMs is partner minus local, and only a renewal's answer measures it.
  return state.lastRenewedAt === null ? null : -state.clockSkewMs;
}

/** The warning a connection shows when its partner's clock and this computer's are far apart. */
export function connectionClockWarning(aheadMs: number | null): string | null {
  if (aheadMs === null || Math.abs(aheadMs) <= CLOCK_OFFSET_WARNING_MS) return null;
  return `This computer's clock is ${span(aheadMs)} ${aheadMs > 0 ? 'ahead of' : 'behind'} this partner's. One of the two clocks is wrong; renewal times are counted on this computer's.`;
}

/** The median offset over every measured connection: one partner with a wrong clock does not outvote the rest. */
export function clockOffsetOf(aheadValues: number[]): ClockOffset | null {
  if (aheadValues.length === 0) return null;
  // A typed array sorts numerically without a comparator call per pair (10,000 connections at start-up).
  const sorted = Float64Array.from(aheadValues).sort();
  const middle = Math.floor(sorted.length / 2);
  const aheadMs =
    sorted.length % 2 === 1 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2);
  const off = Math.abs(aheadMs) > CLOCK_OFFSET_WARNING_MS;
  return {
    aheadMs,
    measured: sorted.length,
    warning: off
      ? `This computer's clock is ${span(aheadMs)} ${aheadMs > 0 ? 'ahead of' : 'behind'} the partners' clocks. Set its date, time and time zone right (ideally to update automatically): a wrong clock makes tokens look expired or renew late.`
      : null,
  };
}

/** "2 days", "3 hours", "7 minutes": the largest unit, rounded down, for a sentence. */
function span(ms: number): string {
  const abs = Math.abs(ms);
  for (const [unit, size] of [
    ['day', DAY],
    ['hour', HOUR],
  ] as const) {
    const count = Math.floor(abs / size);
    if (count >= 1) return `${count} ${unit}${count === 1 ? '' : 's'}`;
  }
  const minutes = Math.floor(abs / MINUTE);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
