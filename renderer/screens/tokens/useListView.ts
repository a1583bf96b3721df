import { useCallback, useState } from 'react';
import type { Settings } from '../../api/types';
import { useAnnounce } from '../../hooks/useAnnounce';
import { useApi } from '../../hooks/useApi';
import type { ListView } from './list-model';

/**
 * The list's order and grouping, kept in the settings like the theme: they follow the
 * profile, whichever window or port shows it. The choice applies at once; saving follows.
 */
export function useListView(settings: Settings): [ListView, (view: ListView) => void] {
  const api = useApi();
  const announce = useAnnounce();
  const [chosen, setChosen] = useState<ListView | null>(null);
  const change = useCallback(
    (view: ListView) => {
      setChosen(view);
      api.updateSettings({ listView: view }).then(
        () => setChosen(null),
        () => announce('The list order could not be saved; it applies to this window until it closes.'),
      );
    },
    [api, announce],
  );
  return [chosen ?? settings.listView, change];
}
