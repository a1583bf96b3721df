import pg from 'pg';
import { initialState } from '../domain/state';
import type { JournalOp } from '../store/journal-records';
import { EVERY_CONNECTION } from '../store/journal-records';

const TABLE_OF = {
  partners: { table: 'partners', key: 'id' },
  connections: { table: 'connections', key: 'id' },
  tokens: { table: 'tokens', key: 'id' },
  states: { table: 'states', key: 'connection_id' },
} as const;

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

/**
 * Writes one catalog change (the same ops the local profile journals) to the workspace's tables,
 * a statement at a time.
 */
export async function writeOp(client: pg.ClientBase, op: JournalOp, member: string | null): Promise<void> {
  for (const statement of opStatements(op, member)) await client.query(statement.text, statement.values);
}

/**
 * The statements that write one catalog change. Table names come from the fixed map above;
 * every value is a parameter.
 */
export function opStatements(op: JournalOp, member: string | null): Statement[] {
  const statements: Statement[] = [];
  const add = (text: string, values: unknown[] = []) => statements.push({ text, values });
  if ('patch' in op) {
    const inserted = { ...initialState(op.id), ...op.value, connectionId: op.id };
    add(
      `INSERT INTO states (connection_id, record) VALUES ($1, $2)
       ON CONFLICT (connection_id) DO UPDATE SET record = states.record || $3::jsonb`,
      [op.id, inserted, op.value],
    );
  } else if ('put' in op) {
    const { table, key } = TABLE_OF[op.put];
    const id =
      'connectionId' in op.value && op.put === 'states'
        ? op.value.connectionId
        : (op.value as { id: string }).id;
    if (op.put === 'tokens') {
      add(
        `INSERT INTO tokens (id, connection_id, record) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET record = EXCLUDED.record`,
        [id, op.value.connectionId, op.value],
      );
    } else {
      add(
        `INSERT INTO ${table} (${key}, record) VALUES ($1, $2) ON CONFLICT (${key}) DO UPDATE SET record = EXCLUDED.record`,
        [id, op.value],
      );
    }
  } else if ('delete' in op) {
    const { table, key } = TABLE_OF[op.delete];
    add(`DELETE FROM ${table} WHERE ${key} = $1`, [op.id]);
    if (op.delete === 'connections') add('DELETE FROM tokens WHERE connection_id = $1', [op.id]);
  } else if ('audit' in op) {
    add(
      'INSERT INTO history (id, member, member_id, entry) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING',
      [op.audit.id, member, op.audit.memberId ?? null, op.audit],
    );
  } else if ('settings' in op) {
    add(
      'INSERT INTO settings (record) VALUES ($1) ON CONFLICT (only_row) DO UPDATE SET record = EXCLUDED.record',
      [op.settings],
    );
  } else if ('seal' in op) {
    if (op.value === null) {
      add('DELETE FROM secrets WHERE connection_id = $1 AND kind = $2', [op.seal, op.kind]);
    } else {
      add(
        `INSERT INTO secrets (connection_id, kind, sealed) VALUES ($1, $2, $3)
         ON CONFLICT (connection_id, kind) DO UPDATE SET sealed = EXCLUDED.sealed`,
        [op.seal, op.kind, op.value],
      );
    }
  } else if ('dropSecrets' in op) {
    if (op.dropSecrets === EVERY_CONNECTION) add('DELETE FROM secrets');
    else add('DELETE FROM secrets WHERE connection_id = $1', [op.dropSecrets]);
  } else {
    add(
      'INSERT INTO sealing (record) VALUES ($1) ON CONFLICT (only_row) DO UPDATE SET record = EXCLUDED.record',
      [op.sealing],
    );
  }
  return statements;
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
