import { useState } from 'react';
import type { PartnerBrief } from '../../api/types';
import { PartnerFacts } from '../../components/PartnerFacts';
import { PartnerFormDialog } from '../partner-form/PartnerFormDialog';

/** Who the partner is and how to reach them, with the way to edit that. */
export function PartnerSummary({ partner }: { partner: PartnerBrief }) {
  const [editing, setEditing] = useState(false);
  return (
    <section className="panel-section">
      <div className="section-heading">
        <h3>Partner</h3>
        <button type="button" className="button button--small" onClick={() => setEditing(true)}>
          Edit partner
        </button>
      </div>
      <PartnerFacts partner={partner} showName />
      {editing && <PartnerFormDialog partner={partner} onClose={() => setEditing(false)} />}
    </section>
  );
}
