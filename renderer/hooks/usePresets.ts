import { useEffect, useState } from 'react';
import type { PresetInfo, TokenTrayBridge } from '../api/types';
import { useApi } from './useApi';

const loaded = new WeakMap<TokenTrayBridge, Promise<PresetInfo[]>>();

/** The dialects' titles, summaries and required fields, fetched once per window. */
export function usePresets(): PresetInfo[] | null {
  const api = useApi();
  const [presets, setPresets] = useState<PresetInfo[] | null>(null);
  useEffect(() => {
    let live = true;
    let request = loaded.get(api);
    if (!request) {
      request = api.listPresets();
      loaded.set(api, request);
      // A failed load is not cached: the next form tries again.
      request.catch(() => loaded.delete(api));
    }
    request.then((list) => live && setPresets(list)).catch(() => live && setPresets([]));
    return () => {
      live = false;
    };
  }, [api]);
  return presets;
}
