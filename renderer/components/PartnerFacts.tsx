import type { Partner } from '../api/types';

/** A partner's contact, relationship and notes, as both the partner and connection panels show them. */
export function PartnerFacts({ partner, showName = false }: { partner: Partner; showName?: boolean }) {
  return (
    <dl className="facts">
      {showName && (
        <div className="facts-row">
          <dt>Name</dt>
          <dd>{partner.name}</dd>
        </div>
      )}
      <div className="facts-row">
        <dt>E-mail</dt>
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
  );
}
