import { useState } from 'react';
import { ConnectionFormDialog } from '../screens/connection-form/ConnectionFormDialog';
import { PartnerFormDialog } from '../screens/partner-form/PartnerFormDialog';
import { useSelection } from '../hooks/useSelection';
import { useSnapshot } from '../hooks/useSnapshot';
import { findConnection } from '../screens/tokens/list-model';
import { Icon } from '../components/Icon';
import { useSecretsBlocked } from '../hooks/useSecretsBlocked';

export type Screen = 'tokens' | 'settings';

/** The top bar: the two screens and the two things people add. */
export function AppHeader({ screen, onNavigate }: { screen: Screen; onNavigate: (screen: Screen) => void }) {
  const { snapshot } = useSnapshot();
  const { selected } = useSelection();
  const [dialog, setDialog] = useState<'partner' | 'connection' | null>(null);
  const secretsBlocked = useSecretsBlocked();
  const partners = snapshot?.partners ?? [];
  // A new connection goes to the partner in view, which is what people mean nine times out of ten.
  const selectedPartnerId = selected?.startsWith('p:')
    ? selected.slice(2)
    : selected?.startsWith('c:')
      ? findConnection(partners, selected.slice(2))?.partner.id
      : undefined;
  return (
    <header className="app-header">
      <h1 className="brand">
        <Icon name="key" />
        TokenTray
      </h1>
      {snapshot?.workspace && (
        <span className="workspace-badge" title={`Shared workspace ${snapshot.workspace.label}`}>
          {snapshot.workspace.label} · {snapshot.workspace.member}
        </span>
      )}
      <nav className="nav" aria-label="Screens">
        {(['tokens', 'settings'] as const).map((name) => (
          <button
            key={name}
            type="button"
            className="nav-item"
            aria-current={screen === name ? 'page' : undefined}
            onClick={() => onNavigate(name)}
          >
            {name === 'tokens' ? 'Tokens' : 'Settings'}
          </button>
        ))}
      </nav>
      <div className="header-actions">
        <button type="button" className="button" disabled={!snapshot} onClick={() => setDialog('partner')}>
          Add partner
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={partners.length === 0 || secretsBlocked !== null}
          title={secretsBlocked ?? (partners.length === 0 ? 'Add a partner first' : undefined)}
          onClick={() => setDialog('connection')}
        >
          Add connection
        </button>
      </div>
      {dialog === 'partner' && <PartnerFormDialog onClose={() => setDialog(null)} />}
      {dialog === 'connection' && (
        <ConnectionFormDialog
          mode="add"
          partnerId={selectedPartnerId ?? (partners.length === 1 ? partners[0]?.id : undefined)}
          onClose={() => setDialog(null)}
        />
      )}
    </header>
  );
}
