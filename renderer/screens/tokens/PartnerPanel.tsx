import { useState } from 'react';
import type { PartnerBrief, RevokeResult } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PartnerFacts } from '../../components/PartnerFacts';
import { StatusBadge } from '../../components/StatusBadge';
import { formatFull } from '../../format/time';
import { STATUS_LABEL, STATUS_ORDER } from '../../format/labels';
import { useAction } from '../../hooks/useAction';
import { useAnnounce } from '../../hooks/useAnnounce';
import { useApi } from '../../hooks/useApi';
import { useSelection } from '../../hooks/useSelection';
import { RevokeAllDialog } from '../guidance/RevokeAllDialog';
import { RevokeOutcome } from '../guidance/RevokeOutcome';
import { PartnerFormDialog } from '../partner-form/PartnerFormDialog';

/** A partner: who they are, how their connections fare, and what can be done to all of them. */
export function PartnerPanel({ partner }: { partner: PartnerBrief }) {
  const api = useApi();
  const announce = useAnnounce();
  const { select } = useSelection();
  const [dialog, setDialog] = useState<'edit' | 'revoke' | 'remove' | null>(null);
  const remove = useAction(() => api.removePartner(partner.id));
  const [revoked, setRevoked] = useState<RevokeResult | null>(null);
  const count = partner.connections.length;
  const byStatus = STATUS_ORDER.map((status) => ({
    status,
    n: partner.connections.filter((c) => c.status === status).length,
  })).filter((entry) => entry.n > 0);

  const confirmRemove = async () => {
    const settled = await remove.run();
    if (!settled.ok) return;
    announce(`${partner.name} was removed.`);
    setDialog(null);
    select(null);
  };

  return (
    <div className="panel">
      <header className="panel-header">
        <div className="panel-heading">
          <h2 className="panel-title">{partner.name}</h2>
          <p className="panel-sub">
            Partner · {partner.status === 'active' ? 'Active' : 'Suspended'} · added{' '}
            {formatFull(partner.createdAt)}
          </p>
        </div>
        {count > 0 && <StatusBadge status={partner.worstStatus} />}
      </header>
      <section className="actions" aria-label="Actions">
        <div className="action-bar">
          <button type="button" className="button" onClick={() => setDialog('edit')}>
            Edit partner
          </button>
          <button type="button" className="button" disabled={count === 0} onClick={() => setDialog('revoke')}>
            Revoke all tokens
          </button>
          <span className="action-bar-gap" />
          <button
            type="button"
            className="button button--quiet button--danger-text"
            onClick={() => setDialog('remove')}
          >
            Remove partner
          </button>
        </div>
        <div aria-live="polite">{revoked && <RevokeOutcome result={revoked} />}</div>
      </section>
      <section className="panel-section">
        <h3>Contact</h3>
        <PartnerFacts partner={partner} />
      </section>
      <section className="panel-section">
        <h3>Connections</h3>
        {count === 0 ? (
          <p className="muted">None yet. Use Add connection at the top to add the first.</p>
        ) : (
          <ul className="status-counts">
            {byStatus.map(({ status, n }) => (
              <li key={status}>
                <strong>{n}</strong> {STATUS_LABEL[status].toLowerCase()}
              </li>
            ))}
          </ul>
        )}
      </section>
      {dialog === 'edit' && <PartnerFormDialog partner={partner} onClose={() => setDialog(null)} />}
      {dialog === 'revoke' && (
        <RevokeAllDialog partner={partner} onClose={() => setDialog(null)} onRevoked={setRevoked} />
      )}
      {dialog === 'remove' && (
        <ConfirmDialog
          title={`Remove ${partner.name}?`}
          confirmLabel="Remove partner"
          tone="danger"
          pending={remove.pending}
          error={remove.error}
          onCancel={() => setDialog(null)}
          onConfirm={() => void confirmRemove()}
        >
          <p>
            {count === 0
              ? 'The partner has no connections.'
              : `Its ${count === 1 ? 'connection' : `${count} connections`} and every secret stored for them are deleted too.`}{' '}
            History stays. Nothing changes at the partner: revoke the tokens first if they must stop working.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
