import { useState } from 'react';
import type { Settings } from '../api/types';
import { useAnnounce } from '../hooks/useAnnounce';
import { useApiEvent } from '../hooks/useApiEvent';
import { connectionKey, useSelection } from '../hooks/useSelection';
import { useSnapshot } from '../hooks/useSnapshot';
import { usePagePresence } from '../presence/usePagePresence';
import { showWebNotification } from '../presence/web-notifications';
import { SettingsScreen } from '../screens/settings/SettingsScreen';
import { findConnection } from '../screens/tokens/list-model';
import { TokensScreen } from '../screens/tokens/TokensScreen';
import type { Screen } from './AppHeader';
import { AppHeader } from './AppHeader';
import { StartupState } from './StartupState';
import { StatusBanners } from './StatusBanners';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useHelpShortcut, useSearchShortcut } from './useShortcuts';

/** The window's frame: header, window-wide banners, and the current screen; reacts to the host's events. */
export function AppShell({
  screen,
  onNavigate,
  onThemePreview,
}: {
  screen: Screen;
  onNavigate: (screen: Screen) => void;
  onThemePreview: (theme: Settings['theme'] | null) => void;
}) {
  const { snapshot, error, refresh } = useSnapshot();
  const { select } = useSelection();
  const announce = useAnnounce();
  useSearchShortcut(() => onNavigate('tokens'));
  const [helpOpen, setHelpOpen] = useState(false);
  useHelpShortcut(() => setHelpOpen(true));
  usePagePresence(snapshot);

  useApiEvent((event) => {
    const labelOf = (id: string) =>
      findConnection(snapshot?.partners ?? [], id)?.connection.label ?? 'A connection';
    const focus = (connectionId: string) => {
      onNavigate('tokens');
      select(connectionKey(connectionId), { reveal: true });
    };
    if (event.type === 'focusConnection') {
      // A notification was clicked (or, where a click cannot be seen, this window opened after one).
      focus(event.connectionId);
    } else if (event.type === 'notice') {
      showWebNotification(event, focus);
    } else if (event.type === 'needsAction') {
      announce(`${labelOf(event.connectionId)} needs action.`);
    } else if (event.type === 'reminder') {
      announce(`${labelOf(event.connectionId)}: the token expires in ${event.days} days.`);
    }
  });

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppHeader screen={screen} onNavigate={onNavigate} />
      {snapshot && <StatusBanners snapshot={snapshot} error={error} onRetry={refresh} />}
      <main id="main" className="main" tabIndex={-1}>
        {!snapshot ? (
          <StartupState error={error} onRetry={refresh} />
        ) : screen === 'tokens' ? (
          <TokensScreen snapshot={snapshot} />
        ) : (
          <SettingsScreen
            settings={snapshot.settings}
            proxyPasswordStored={snapshot.proxyPasswordStored}
            onThemePreview={onThemePreview}
          />
        )}
      </main>
      {helpOpen && <ShortcutsDialog onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
