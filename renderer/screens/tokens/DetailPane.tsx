import type { ListSnapshot } from '../../api/types';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { OpenConnection } from '../connection/OpenConnection';
import { findConnection } from './list-model';
import { PartnerPanel } from './PartnerPanel';

const GONE = <p>It was removed, perhaps from another window.</p>;

/** The right-hand side: the selected connection or partner, or a word on how to pick one. */
export function DetailPane({
  snapshot,
  selected,
  onBack,
}: {
  snapshot: ListSnapshot;
  selected: string | null;
  /** The compact layout shows the details over the list: this takes the person back to it. */
  onBack?: () => void;
}) {
  const id = selected?.slice(2) ?? '';
  let content = (
    <EmptyState title="Nothing selected">
      <p>
        Select a connection to see its tokens and renewals, renew it now, copy or share its token, or read its
        history. Arrow keys move through the list; press ? for every keyboard shortcut.
      </p>
    </EmptyState>
  );
  if (selected?.startsWith('c:')) {
    const found = findConnection(snapshot.partners, id);
    content = found ? (
      <OpenConnection key={id} brief={found.connection} partner={found.partner} />
    ) : (
      <EmptyState title="This connection is gone">{GONE}</EmptyState>
    );
  } else if (selected?.startsWith('p:')) {
    const partner = snapshot.partners.find((p) => p.id === id);
    content = partner ? (
      <PartnerPanel key={id} partner={partner} />
    ) : (
      <EmptyState title="This partner is gone">{GONE}</EmptyState>
    );
  }
  return (
    <aside className={onBack ? 'detail-pane detail-pane--over' : 'detail-pane'} aria-label="Details">
      {onBack && (
        <button type="button" className="button button--quiet back-button" onClick={onBack} data-back>
          <Icon name="back" />
          Back to the list
        </button>
      )}
      {content}
    </aside>
  );
}
