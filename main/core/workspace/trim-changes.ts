import type pg from 'pg';

/** How long changes are kept for instances that were away: a day unless the workspace is opened with another. */
export const CHANGES_RETENTION_MS = 24 * 3_600_000;

/**
 * Deletes the changes committed longer than `retentionMs` ago, except the newest (its number
 * is where a new instance starts following), and records how far it went: an instance that
 * had not read that far reads the whole workspace again (change-follower.ts). Resolves with
 * how many were deleted.
 */
export async function trimChanges(pool: pg.Pool, retentionMs = CHANGES_RETENTION_MS): Promise<number> {
  const { rows } = await pool.query<{ trimmed: string }>(
    `WITH horizon AS (
       SELECT least(
         (SELECT max(seq) FROM changes WHERE at < now() - make_interval(secs => $1::double precision / 1000)),
         (SELECT max(seq) - 1 FROM changes)
       ) AS through
     ), deleted AS (
       DELETE FROM changes WHERE seq <= (SELECT through FROM horizon) RETURNING seq
     ), recorded AS (
       INSERT INTO changes_trimmed (through)
         SELECT through FROM horizon WHERE EXISTS (SELECT 1 FROM deleted)
       ON CONFLICT (only_row) DO UPDATE SET through = greatest(changes_trimmed.through, EXCLUDED.through)
     )
     SELECT count(*) AS trimmed FROM deleted`,
    [retentionMs],
  );
  return Number(rows[0]!.trimmed);
}
