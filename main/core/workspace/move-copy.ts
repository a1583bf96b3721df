import type pg from 'pg';
import type { JournalOp } from '../store/journal-records';
import { open, seal } from '../vault/seal';
import type { SecretKind } from '../domain/secret-kinds';
import { writeOps } from './workspace-ops';
import { CHANGES_CHANNEL, TAKE_CHANGES_TURN } from './workspace-writer';

interface SealedSecret {
  connectionId: string;
  kind: SecretKind;
  value: string;
}

export interface ResealKeys {
  from: { profileId: string; key: (sealed: string) => Buffer | undefined };
  to: { profileId: string; version: number; key: Buffer };
}

/**
 * Each secret opened where it was sealed and sealed again for its new place (the other side's id
 * and key), in memory only. A value that does not open (a damaged file) is left behind: the
 * connection then says its secret cannot be read, as it did before the move.
 */
export function movedSecrets(secrets: readonly SealedSecret[], keys: ResealKeys): JournalOp[] {
  const ops: JournalOp[] = [];
  for (const { connectionId, kind, value } of secrets) {
    const key = keys.from.key(value);
    if (!key) continue;
    let plaintext: string;
    try {
      plaintext = open(key, { profileId: keys.from.profileId, connectionId, kind }, value);
    } catch {
      continue;
    }
    const resealed = seal(
      keys.to.key,
      keys.to.version,
      { profileId: keys.to.profileId, connectionId, kind },
      plaintext,
    );
    ops.push({ seal: connectionId, kind, value: resealed });
  }
  return ops;
}

export interface MoveCommit {
  moveId: string;
  /** The move's own line of history: its presence means the move committed before. */
  historyId: string;
  member: string;
  /** What the workspace gets (or loses): the same changes its instances follow. */
  ops: JournalOp[];
  /** Refuses, inside the transaction, a move that would overwrite or lose something. */
  check?: (client: pg.ClientBase) => Promise<void>;
}

/**
 * One transaction, in the workspace's change order (its writers' transaction lock): the ops, the
 * move's line of history, and one row in `changes` with a NOTIFY, under an instance id of its own
 * so every running instance (the mover's included) applies it. Resolves false, writing nothing,
 * when the move's line of history is there already: it committed before a crash.
 */
export async function commitMove(client: pg.ClientBase, move: MoveCommit): Promise<boolean> {
  await client.query('BEGIN');
  try {
    await client.query(`SELECT ${TAKE_CHANGES_TURN}`);
    const done = await client.query('SELECT 1 FROM history WHERE id = $1', [move.historyId]);
    if (done.rows.length > 0) {
      await client.query('ROLLBACK');
      return false;
    }
    await move.check?.(client);
    await writeOps(client, move.ops, move.member);
    const { rows } = await client.query<{ seq: string }>(
      'INSERT INTO changes (instance, ops) VALUES ($1, $2) RETURNING seq',
      [`move-${move.moveId}`, JSON.stringify(move.ops)],
    );
    await client.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, rows[0]!.seq]);
    await client.query('COMMIT');
    return true;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
