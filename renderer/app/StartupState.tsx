import type { ApiError } from '../api/api-error';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { Outcome } from '../components/Outcome';

/** Before the first snapshot: loading, or why TokenTray cannot be reached and what to do. */
export function StartupState({ error, onRetry }: { error: ApiError | null; onRetry: () => void }) {
  if (!error) {
    return (
      <div className="startup">
        <Outcome tone="progress">Loading your tokens…</Outcome>
      </div>
    );
  }
  return (
    <div className="startup">
      <EmptyState title="TokenTray cannot show your tokens">
        <ErrorNotice error={error} />
        <button type="button" className="button button--primary" onClick={onRetry}>
          Try again
        </button>
      </EmptyState>
    </div>
  );
}
