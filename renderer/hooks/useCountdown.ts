import { countdownTone, formatCountdown } from '../format/countdown';
import { useNow } from './useNow';

export interface Countdown {
  text: string;
  tone: 'expired' | 'soon' | 'normal';
}

/** A token's remaining time from the one clock: "2d 4h", "3m 12s", "expired 5m ago", "lifetime unknown". */
export function useCountdown(expiresAt: number | null): Countdown {
  const now = useNow();
  return { text: formatCountdown(expiresAt, now), tone: countdownTone(expiresAt, now) };
}
