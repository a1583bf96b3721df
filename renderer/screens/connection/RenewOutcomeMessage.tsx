import type { RenewalOutcome } from '../../api/types';
import { Countdown } from '../../components/Countdown';
import { Outcome } from '../../components/Outcome';
import { describeRenewal } from '../../format/outcome-text';

/** Renewed with the new expiry, will retry at a time, or needs action with the reason and what to do. */
export function RenewOutcomeMessage({ outcome }: { outcome: RenewalOutcome }) {
  if (outcome.kind === 'renewed') {
    return (
      <Outcome tone="ok">
        <p>
          {describeRenewal(outcome)}
          {outcome.expiresAt !== null && (
            <>
              {' '}
              <span className="muted">Time left:</span> <Countdown expiresAt={outcome.expiresAt} />
            </>
          )}
        </p>
      </Outcome>
    );
  }
  if (outcome.kind === 'retry') {
    return (
      <Outcome tone="warning">
        <p>{describeRenewal(outcome)}</p>
      </Outcome>
    );
  }
  return (
    <Outcome tone="error">
      <p>{describeRenewal(outcome)}</p>
      {outcome.guidance.length > 0 && (
        <ul className="notice-list">
          {outcome.guidance.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </Outcome>
  );
}
