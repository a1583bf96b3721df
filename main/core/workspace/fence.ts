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

/** The SQLSTATE a refused fence raises (class TT: TokenTray's own; see schema-migrations.ts). */
const FENCE_REFUSED = 'TTF01';

/** The fence a failed transaction was refused for, or null when it failed for another reason. */
export function refusedFence(error: unknown): { connectionId: string; epoch: number } | null {
  const { code, detail } = (error ?? {}) as { code?: string; detail?: string };
  if (code !== FENCE_REFUSED || detail === undefined) return null;
  return JSON.parse(detail) as { connectionId: string; epoch: number };
}
