import { useEffect, useRef } from 'react';
import type { ApiEvent } from '../api/types';
import { useApi } from './useApi';

/** Calls the latest `listener` for every event the host pushes, for as long as the component lives. */
export function useApiEvent(listener: (event: ApiEvent) => void): void {
  const api = useApi();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => api.onEvent((event) => latest.current(event)), [api]);
}
