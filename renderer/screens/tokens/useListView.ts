import { useCallback, useEffect, useState } from 'react';
import type { Settings } from '../../api/types';
import { useAnnounce } from '../../hooks/useAnnounce';
import { useApi } from '../../hooks/useApi';
import type { ListView } from './list-model';

/**
 * The list's order and grouping, kept in the settings like the theme: they follow the
 * profile, whichever window or port shows it. The choice applies at once; saving follows.
 * It stays the window's own until the settings show it, so a second choice made while the
 * first is being saved is not undone when the first save answers.
 */
export function useListView(settings: Settings): [ListView, (view: ListView) => void] {
  const api = useApi();
  const announce = useAnnounce();
  const [chosen, setChosen] = useState<ListView | null>(null);
  const saved = settings.listView;
  useEffect(() => {
    if (chosen && sameView(chosen, saved)) setChosen(null);
  }, [chosen, saved]);
  const change = useCallback(
    (view: ListView) => {
      setChosen(view);
      api
        .updateSettings({ listView: view })
        .catch(() =>
          announce('The list order could not be saved; it applies to this window until it closes.'),
        );
    },
    [api, announce],
  );
  return [chosen ?? saved, change];
}

function sameView(a: ListView, b: ListView): boolean {
  return a.sort === b.sort && a.grouped === b.grouped;
}
