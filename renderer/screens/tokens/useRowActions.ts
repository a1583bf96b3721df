import { useCallback, useRef, useState } from 'react';
import type { ConnectionBrief, PartnerBrief } from '../../api/types';
import { useAction } from '../../hooks/useAction';
import { useApi } from '../../hooks/useApi';
import { useCopyToken } from '../../hooks/useCopyToken';
import type { Shared } from '../connection/share-message';

/** A connection of the list with its partner: what a row action works on. */
export interface RowTarget {
  connection: ConnectionBrief;
  partner: PartnerBrief;
}

export type LastRowAction =
  { action: 'copy' | 'renew'; target: RowTarget } | { action: 'shared'; target: RowTarget; shared: Shared };

/**
 * Copy, renew and share straight from the list (a row's copy button, the C, R and S keys),
 * through the same calls as the details' buttons; the last one's outcome shows under the list.
 */
export function useRowActions() {
  const api = useApi();
  const copy = useCopyToken();
  const renew = useAction(useCallback((id: string) => api.renewNow(id), [api]));
  const [last, setLast] = useState<LastRowAction | null>(null);
  const [sharing, setSharing] = useState<RowTarget | null>(null);

  const { run: runCopy } = copy;
  const { run: runRenew } = renew;
  const renewing = useRef(false);
  renewing.current = renew.pending;
  // Stable callbacks: every row of the list gets them, and rows re-render only when their data changes.
  const copyToken = useCallback(
    (target: RowTarget) => {
      if (target.connection.token === null) return;
      setLast({ action: 'copy', target });
      void runCopy(target.connection.id);
    },
    [runCopy],
  );
  const renewNow = useCallback(
    (target: RowTarget) => {
      // A manual token is pasted, not renewed: its details have the form.
      if (target.connection.dialect === 'manual' || renewing.current) return;
      setLast({ action: 'renew', target });
      void runRenew(target.connection.id);
    },
    [runRenew],
  );
  const share = useCallback((target: RowTarget) => {
    if (target.connection.token !== null) setSharing(target);
  }, []);
  const shared = useCallback((target: RowTarget, result: Shared) => {
    setLast({ action: 'shared', target, shared: result });
  }, []);

  return {
    copyToken,
    renewNow,
    share,
    sharing,
    closeShare: useCallback(() => setSharing(null), []),
    shared,
    last,
    copy,
    renew,
  };
}

export type RowActions = ReturnType<typeof useRowActions>;
