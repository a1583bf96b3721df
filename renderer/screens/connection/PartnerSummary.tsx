import { useState } from 'react';
import type { PartnerView } from '../../api/types';
import { PartnerFormDialog } from '../partner-form/PartnerFormDialog';

/** Who the partner is and how to reach them, with the way to edit that. */
export function PartnerSummary({ partner }: { partner: PartnerView }) {
  const [editing, setEditing] = useState(false);
  return (
    <section className="panel-section">
      <div className="section-heading">
        <h3>Partner</h3>
        <button type="button" className="button button--small" onClick={() => setEditing(true)}>
          Edit partner
        </button>
      </div>
      <dl className="facts">
        <div className="facts-row">
          <dt>Name</dt>
          <dd>{partner.name}</dd>
        </div>
        <div className="facts-row">
          <dt>Contact</dt>
          <dd>
            {partner.contactEmail ? (
              <a href={`mailto:${partner.contactEmail}`}>{partner.contactEmail}</a>
            ) : (
              <span className="muted">No e-mail address</span>
            )}
          </dd>
        </div>
        <div className="facts-row">
          <dt>Relationship</dt>
          <dd>{partner.status === 'active' ? 'Active' : 'Suspended: its connections are not renewed'}</dd>
        </div>
        {partner.notes && (
          <div className="facts-row">
            <dt>Notes</dt>
            <dd className="wrap pre">{partner.notes}</dd>
          </div>
        )}
      </dl>
      {editing && <PartnerFormDialog partner={partner} onClose={() => setEditing(false)} />}
    </section>
  );
}
