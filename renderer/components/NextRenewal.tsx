import type { ConnectionBrief } from '../api/types';
import { When } from './When';

/** When TokenTray will next act on this connection, or why it will not on its own. */
export function NextRenewal({
  connection,
}: {
  connection: Pick<ConnectionBrief, 'dialect' | 'status' | 'nextAttemptAt' | 'nextRenewalAt'> &
    Partial<Pick<ConnectionBrief, 'waitingOnStorage'>>;
}) {
  if (connection.dialect === 'manual') return <span className="muted">by hand</span>;
  switch (connection.status) {
    case 'renewing':
      return <span>now</span>;
    case 'paused':
      return <span className="muted">paused</span>;
    case 'needsAction':
      return <span className="muted">stopped</span>;
    case 'retrying':
      return connection.nextAttemptAt === null ? (
        <span className="muted">{connection.waitingOnStorage ? 'waiting on storage' : 'soon'}</span>
      ) : (
        <span>
          {connection.waitingOnStorage ? 'waiting on storage, retry ' : 'retry '}
          <When at={connection.nextAttemptAt} />
        </span>
      );
    default:
      return connection.nextRenewalAt === null ? (
        <span className="muted">—</span>
      ) : (
        <When at={connection.nextRenewalAt} />
      );
  }
}
