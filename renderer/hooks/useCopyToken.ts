import { useCallback } from 'react';
import { copySecret } from '../api/clipboard';
import type { ActionState } from './useAction';
import { useAction } from './useAction';
import { useApi } from './useApi';

export interface Copied {
  connectionId: string;
  fingerprint: string;
  clearAfterSeconds: number;
  at: number;
}

/**
 * Copies a connection's token: the host records it in the history and, in Electron,
 * writes the clipboard itself; in a browser the page writes it and clears it after the set time.
 */
export function useCopyToken(): ActionState<[connectionId: string], Copied> {
  const api = useApi();
  const copy = useCallback(
    async (connectionId: string): Promise<Copied> => {
      const copied = await api.copyToken(connectionId);
      // Browser host: the token goes straight to the clipboard and is dropped here, never kept in state.
      if (copied.token !== undefined) {
        await copySecret(copied.token, copied.clearAfterSeconds);
      }
      return {
        connectionId,
        fingerprint: copied.fingerprint,
        clearAfterSeconds: copied.clearAfterSeconds,
        at: Date.now(),
      };
    },
    [api],
  );
  return useAction(copy);
}
