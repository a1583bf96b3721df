import { formatFull } from '../format/time';
import { useCountdown } from '../hooks/useCountdown';

/** A live countdown to a token's expiry, ticking from the window's one clock at a fixed width. */
export function Countdown({ expiresAt }: { expiresAt: number | null }) {
  const { text, tone } = useCountdown(expiresAt);
  return (
    <span
      className={`countdown countdown--${tone}`}
      title={expiresAt === null ? 'The partner did not say how long this token lasts' : formatFull(expiresAt)}
    >
      {text}
    </span>
  );
}
