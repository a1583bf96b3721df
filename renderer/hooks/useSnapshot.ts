import { createContext, useContext, useEffect, useMemo, useState } from 'react';
import type { ApiError } from '../api/api-error';
import { toApiError } from '../api/api-error';
import type { ListSnapshot, TokenTrayBridge } from '../api/types';
import { createRefetcher } from './refetcher';

export interface SnapshotState {
  snapshot: ListSnapshot | null;
  /** The last load failed; the previous snapshot, if any, is still shown. */
  error: ApiError | null;
  refresh: () => void;
}

/** Statuses are worked out when the snapshot is made: look again at least this often. */
const STALE_AFTER_MS = 60_000;

export const SnapshotContext = createContext<SnapshotState | null>(null);

/** The snapshot the whole window shows (loaded once by `useSnapshotSource` at the top). */
export function useSnapshot(): SnapshotState {
  const state = useContext(SnapshotContext);
  if (!state) throw new Error('useSnapshot needs a SnapshotContext provider');
  return state;
}

/**
 * Loads the snapshot (taking `firstSnapshot` for the first load when it was asked for
 * already), then again on every change the host reports, coalescing bursts.
 */
export function useSnapshotSource(
  api: TokenTrayBridge,
  firstSnapshot?: Promise<ListSnapshot>,
): SnapshotState {
  const [snapshot, setSnapshot] = useState<ListSnapshot | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const refetcher = useMemo(() => {
    let early = firstSnapshot;
    return createRefetcher(async () => {
      const request = early ?? api.getSnapshot();
      early = undefined;
      try {
        setSnapshot(await request);
        setError(null);
      } catch (caught) {
        setError(toApiError(caught));
      }
    });
  }, [api, firstSnapshot]);

  useEffect(() => {
    refetcher.request();
    const stop = api.onEvent((event) => {
      if (event.type === 'changed' || event.type === 'needsAction') refetcher.request();
    });
    const onVisible = () => {
      if (document.visibilityState === 'visible') refetcher.request();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [api, refetcher]);

  // A token that expires turns its connection to "needs action" without any event: look again then.
  useEffect(() => {
    if (!snapshot) return;
    const nextExpiry = snapshot.summary.nextExpiryAt;
    const untilExpiry = nextExpiry === null ? Infinity : Math.max(0, nextExpiry - Date.now()) + 1_000;
    const timer = setTimeout(() => refetcher.request(), Math.min(untilExpiry, STALE_AFTER_MS));
    return () => clearTimeout(timer);
  }, [snapshot, error, refetcher]);

  return useMemo(
    () => ({ snapshot, error, refresh: () => refetcher.request() }),
    [snapshot, error, refetcher],
  );
}
