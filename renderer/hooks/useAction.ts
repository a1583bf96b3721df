import { useCallback, useRef, useState } from 'react';
import type { ApiError } from '../api/api-error';
import { toApiError } from '../api/api-error';

export type Settled<R> = { ok: true; value: R } | { ok: false; error: ApiError };

export interface ActionState<A extends unknown[], R> {
  /** Runs the call; resolves, never rejects, to its value or its error (also kept in `result` and `error`). */
  run: (...args: A) => Promise<Settled<R>>;
  pending: boolean;
  result: R | undefined;
  error: ApiError | null;
  reset: () => void;
}

/** An API call behind a button: pending while it runs, then its result or its error, never both. */
export function useAction<A extends unknown[], R>(call: (...args: A) => Promise<R>): ActionState<A, R> {
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<R | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const latest = useRef(0);
  const run = useCallback(
    async (...args: A): Promise<Settled<R>> => {
      const attempt = ++latest.current;
      setPending(true);
      setError(null);
      setResult(undefined);
      try {
        const value = await call(...args);
        if (attempt === latest.current) setResult(value);
        return { ok: true, value };
      } catch (caught) {
        const error = toApiError(caught);
        if (attempt === latest.current) setError(error);
        return { ok: false, error };
      } finally {
        if (attempt === latest.current) setPending(false);
      }
    },
    [call],
  );
  const reset = useCallback(() => {
    latest.current += 1;
    setPending(false);
    setResult(undefined);
    setError(null);
  }, []);
  return { run, pending, result, error, reset };
}
