import pg from 'pg';
import { initialState } from '../domain/state';
import type { JournalOp } from '../store/journal-records';
import { EVERY_CONNECTION, journalFormat } from '../store/journal-records';

/** One SQL statement with its values as parameters ($1, $2, …). */
export interface Statement {
  text: string;
  values: unknown[];
}

/**
 * The connection whose renewal state one change belongs to: its state, tokens, secrets and
 * history. Null for changes no renewal makes (partners, connections, settings, sealing, deletes).
 */
export function opConnection(op: JournalOp): string | null {
  if ('patch' in op) return op.id;
  if ('put' in op) {
    if (op.put === 'states' || op.put === 'tokens') return op.value.connectionId;
    return null;
  }
  if ('audit' in op) return op.audit.connectionId ?? null;
  if ('seal' in op) return op.seal;
  if ('dropSecrets' in op) return op.dropSecrets === EVERY_CONNECTION ? null : op.dropSecrets;
  return null;
}

/** The state a patch of a connection without one starts from, as JSON (the patch goes over it). */
const STATE_DEFAULTS = JSON.stringify(initialState(''));

/**
 * Writes catalog changes (the same ops the local profile journals) to the workspace's tables, in
 * order, in one statement (`tokentray_write_ops`, schema-migrations.ts): each change of one kind is
 * written by the same statement of the function, whose plan each database session keeps.
 */
export async function writeOps(
  client: pg.ClientBase,
  ops: readonly JournalOp[],
  member: string | null,
): Promise<void> {
  await client.query('SELECT tokentray_write_ops($1, $2::jsonb, $3::jsonb)', [
    member,
    JSON.stringify(ops),
    STATE_DEFAULTS,
  ]);
}

/**
 * One instance's changes committed in one statement (`tokentray_commit`, schema-migrations.ts):
 * the fences checked, the rows written, the change numbered and announced. Its row holds the
 * change's number.
 */
export function commitStatement(options: {
  instance: string;
  member: string | null;
  fences: ReadonlyArray<{ connectionId: string; epoch: number }>;
  ops: readonly JournalOp[];
}): Statement & { name: string } {
  return {
    // Prepared once per database session: the same text on every commit.
    name: 'tokentray_commit',
    text: 'SELECT tokentray_commit($1, $2, $3::jsonb, $4::jsonb, $5::jsonb, $6) AS seq',
    values: [
      options.instance,
      options.member,
      JSON.stringify(options.fences),
      JSON.stringify(options.ops),
      STATE_DEFAULTS,
      // Each op passed `refuseUnreadable` before it was queued.
      journalFormat(),
    ],
  };
}

/**
 * A statement with its values written in as literals, quoted by node-postgres's escapeLiteral
 * (several statements in one query cannot take parameters). Values are converted as
 * node-postgres converts parameters: objects to JSON, null to NULL.
 */
export function inlined(statement: Statement): string {
  return statement.text.replace(/\$(\d+)/g, (_, index: string) => {
    const value = statement.values[Number(index) - 1];
    if (value === null || value === undefined) return 'NULL';
    if (typeof value === 'number') return String(value);
    return pg.escapeLiteral(typeof value === 'string' ? value : JSON.stringify(value));
  });
}
