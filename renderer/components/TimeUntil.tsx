import { formatDuration } from '../format/countdown';
import { useNow } from '../hooks/useNow';

/** "in 12m 58s" to a planned moment, from the window's one clock; "due now" once it has come. */
export function TimeUntil({ at }: { at: number }) {
  const now = useNow();
  return <span className="countdown">{at > now ? `in ${formatDuration(at - now)}` : 'due now'}</span>;
}
