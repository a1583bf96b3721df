import type { Statement } from './workspace-ops';

/**
 * The fencing token of one renewal: the epoch its instance raised on the connection's lease row
 * when it took the renewal lock. Changes made under it are written only while the workspace's
 * epoch is still this one; another instance that takes the connection over raises it.
 */
export interface Fence {
  epoch: number;
  /** Set when the workspace refused changes made under it: another instance renewed meanwhile. */
  refused: boolean;
}

/** The SQLSTATE a refused fence raises (class TT: TokenTray's own). */
const FENCE_REFUSED = 'TTF01';

/**
 * A statement that locks the connection's lease row to the end of the transaction and fails it
 * unless the row still holds the epoch. A DO block (PL/pgSQL) so that the check travels in the
 * same round trip as the writes; its values are inlined like every statement of the writer's.
 */
export function fenceCheck(connectionId: string, epoch: number): Statement {
  return {
    text: `DO $fence$ BEGIN
      PERFORM 1 FROM leases WHERE connection_id = $1 AND epoch = $2 FOR UPDATE;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'a newer renewal holds this connection' USING ERRCODE = '${FENCE_REFUSED}', DETAIL = $3;
      END IF;
    END $fence$`,
    values: [connectionId, epoch, JSON.stringify({ connectionId, epoch })],
  };
}

/** The fence a failed transaction was refused for, or null when it failed for another reason. */
export function refusedFence(error: unknown): { connectionId: string; epoch: number } | null {
  const { code, detail } = (error ?? {}) as { code?: string; detail?: string };
  if (code !== FENCE_REFUSED || detail === undefined) return null;
  return JSON.parse(detail) as { connectionId: string; epoch: number };
}
