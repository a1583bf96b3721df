import { Fingerprint } from '../../components/Fingerprint';
import { Outcome } from '../../components/Outcome';
import { useNow } from '../../hooks/useNow';

/** "Copied — clipboard clears in 30 s", counting down on the window's clock, then saying it is done. */
export function CopyNotice({
  fingerprint,
  copiedAt,
  clearAfterSeconds,
}: {
  fingerprint: string;
  copiedAt: number;
  clearAfterSeconds: number;
}) {
  const now = useNow();
  const left = Math.ceil((copiedAt + clearAfterSeconds * 1000 - now) / 1000);
  return (
    <Outcome tone="ok">
      <p>
        {/* The ticking text is for the eye; the live region reads the sentence below once. */}
        <span aria-hidden="true">
          {left > 0
            ? `Copied — clipboard clears in ${Math.min(left, clearAfterSeconds)} s`
            : 'Copied — clipboard cleared'}
        </span>
        <span className="visually-hidden">
          Copied. The clipboard clears itself after {clearAfterSeconds} seconds.
        </span>
        <span className="muted"> · token </span>
        <Fingerprint value={fingerprint} />
      </p>
    </Outcome>
  );
}
