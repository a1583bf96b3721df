import { useCallback, useMemo, useState } from 'react';
import type { ListSnapshot, Settings, TokenTrayBridge } from '../api/types';
import { AnnouncerProvider } from '../hooks/useAnnounce';
import { ApiContext } from '../hooks/useApi';
import { NowProvider } from '../hooks/useNow';
import type { SelectionKey, SelectionState } from '../hooks/useSelection';
import { SelectionContext } from '../hooks/useSelection';
import { SnapshotContext, useSnapshotSource } from '../hooks/useSnapshot';
import { useTheme } from '../hooks/useTheme';
import type { Screen } from './AppHeader';
import { AppShell } from './AppShell';

/** The window: the API, the one clock, the snapshot and the selection, provided once for everything below. */
export function App({
  api,
  firstSnapshot,
}: {
  api: TokenTrayBridge;
  /** The first snapshot, if it was asked for before the window started. */
  firstSnapshot?: Promise<ListSnapshot>;
}) {
  const snapshotState = useSnapshotSource(api, firstSnapshot);
  const [themePreview, setThemePreview] = useState<Settings['theme'] | null>(null);
  useTheme(themePreview ?? snapshotState.snapshot?.settings.theme);
  const [screen, setScreen] = useState<Screen>('tokens');
  const [selected, setSelected] = useState<SelectionKey | null>(null);
  const [revealSeq, setRevealSeq] = useState(0);
  const select = useCallback((key: SelectionKey | null, options?: { reveal?: boolean }) => {
    setSelected(key);
    if (options?.reveal) setRevealSeq((seq) => seq + 1);
  }, []);
  const selection = useMemo<SelectionState>(
    () => ({ selected, select, revealSeq }),
    [selected, select, revealSeq],
  );

  return (
    <ApiContext value={api}>
      <NowProvider>
        <AnnouncerProvider>
          <SnapshotContext value={snapshotState}>
            <SelectionContext value={selection}>
              <AppShell screen={screen} onNavigate={setScreen} onThemePreview={setThemePreview} />
            </SelectionContext>
          </SnapshotContext>
        </AnnouncerProvider>
      </NowProvider>
    </ApiContext>
  );
}
