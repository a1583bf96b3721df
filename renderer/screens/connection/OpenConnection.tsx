import type { ConnectionBrief, PartnerBrief } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { StatusBadge } from '../../components/StatusBadge';
import { useConnectionDetails } from '../../hooks/useConnectionDetails';
import { ConnectionPanel } from './ConnectionPanel';

/** The selected connection: its row's facts at once, everything else as soon as it has loaded. */
export function OpenConnection({ brief, partner }: { brief: ConnectionBrief; partner: PartnerBrief }) {
  // The brief is a new object with every snapshot: the details follow each change.
  const { connection, error } = useConnectionDetails(brief.id, brief);
  if (connection) return <ConnectionPanel connection={connection} partner={partner} />;
  return (
    <div className="panel" aria-busy={error ? undefined : true}>
      <header className="panel-header">
        <div className="panel-heading">
          <h2 className="panel-title">{brief.label}</h2>
          <p className="panel-sub">{partner.name}</p>
        </div>
        <StatusBadge status={brief.status} />
      </header>
      {error ? (
        <ErrorNotice error={error} title="The details of this connection could not be loaded." />
      ) : (
        <p className="muted">Loading its details…</p>
      )}
    </div>
  );
}
