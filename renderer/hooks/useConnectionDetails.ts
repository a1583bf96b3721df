import { useEffect, useState } from 'react';
import type { ApiError } from '../api/api-error';
import { toApiError } from '../api/api-error';
import type { ConnectionView } from '../api/types';
import { useApi } from './useApi';

export interface ConnectionDetailsState {
  /** The connection in full; the last one loaded stays while a newer one loads. */
  connection: ConnectionView | null;
  error: ApiError | null;
}

/**
 * One connection in full, loaded when it is opened and again whenever `version`
 * changes (each new snapshot): the list carries only what its rows show.
 */
export function useConnectionDetails(id: string, version: unknown): ConnectionDetailsState {
  const api = useApi();
  const [state, setState] = useState<ConnectionDetailsState>({ connection: null, error: null });
  useEffect(() => {
    // A slower, older answer must not overwrite a newer one.
    let current = true;
    api.getConnection(id).then(
      (connection) => current && setState({ connection, error: null }),
      (error: unknown) => current && setState((before) => ({ ...before, error: toApiError(error) })),
    );
    return () => {
      current = false;
    };
  }, [api, id, version]);
  // Another connection's details are never shown, even for the moment before the new ones arrive.
  return state.connection && state.connection.id !== id ? { connection: null, error: state.error } : state;
}
