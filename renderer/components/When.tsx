import { formatFull, formatWhen, toIsoValue } from '../format/time';

/** A point in time, short in the text and exact in the tooltip and the markup. */
export function When({ at }: { at: number | null | undefined }) {
  if (at === null || at === undefined) return <span className="muted">—</span>;
  return (
    <time dateTime={toIsoValue(at)} title={formatFull(at)}>
      {formatWhen(at)}
    </time>
  );
}
