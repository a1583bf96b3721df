import type { ListSnapshot } from '../../api/types';
import { Countdown } from '../../components/Countdown';
import { StatusBadge } from '../../components/StatusBadge';
import { STATUS_LABEL, STATUS_ORDER } from '../../format/labels';

/** The state of everything at a glance: the worst status, counts by status, the next expiry. */
export function SummaryBar({ snapshot }: { snapshot: ListSnapshot }) {
  const { counts, worstStatus, nextExpiryAt } = snapshot.summary;
  const total = STATUS_ORDER.reduce((sum, status) => sum + counts[status], 0);
  if (total === 0) return null;
  return (
    <section className="summary" aria-label="Summary">
      <div className="summary-worst">
        {worstStatus === 'healthy' ? (
          <p>
            <StatusBadge status="healthy" /> <span>All connections are healthy</span>
          </p>
        ) : (
          <p>
            <span className="visually-hidden">Worst state:</span> <StatusBadge status={worstStatus} />
          </p>
        )}
      </div>
      <dl className="summary-counts">
        {STATUS_ORDER.filter((status) => counts[status] > 0).map((status) => (
          <div key={status} className={`summary-count summary-count--${status}`}>
            <dt>{STATUS_LABEL[status]}</dt>
            <dd>{counts[status]}</dd>
          </div>
        ))}
      </dl>
      {nextExpiryAt !== null && (
        <p className="summary-next">
          <span className="muted">Next expiry in</span> <Countdown expiresAt={nextExpiryAt} />
        </p>
      )}
    </section>
  );
}
