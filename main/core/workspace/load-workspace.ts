import type pg from 'pg';
import type { StoreData } from '../store/schema';
import { CURRENT_SCHEMA_VERSION, StoreDataSchema } from '../store/schema';
import type { WorkspaceMember } from './workspace-member';
import { readMembers } from './workspace-member';

/**
 * Reads the whole workspace as one consistent picture (a repeatable-read transaction), with the
 * number of the newest change it holds (the follower applies what comes after) and its members. With `orderedFor`
 * (an instance's id), the connections come in an order of that instance's own.
 */
export async function loadWorkspace(
  client: pg.ClientBase,
  historyLimit: number,
  orderedFor?: string,
): Promise<{ data: StoreData; seq: number; members: WorkspaceMember[] }> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const records = async (sql: string): Promise<Array<{ key: string; record: unknown }>> =>
      (await client.query<{ key: string; record: unknown }>(sql)).rows;
    const keyed = async (table: string, key: string) =>
      Object.fromEntries(
        (await records(`SELECT ${key} AS key, record FROM ${table}`)).map((row) => [row.key, row.record]),
      );
    const partners = await keyed('partners', 'id');
    // An instance plans connections due at the same moment in the order its catalog holds them.
    // Instances that woke together (every connection overdue in each) would otherwise go down
    // one list side by side, each finding the next connection locked by another: in orders of
    // their own they start apart, and by the time one reaches what another renewed, it knows.
    const connections = Object.fromEntries(
      (
        await client.query<{ key: string; record: unknown }>(
          'SELECT id AS key, record FROM connections ORDER BY md5(id || $1)',
          [orderedFor ?? ''],
        )
      ).rows.map((row) => [row.key, row.record]),
    );
    const tokens = await keyed('tokens', 'id');
    const states = await keyed('states', 'connection_id');
    const secrets: Record<string, Record<string, string>> = {};
    const sealed = await client.query<{ connection_id: string; kind: string; sealed: string }>(
      'SELECT connection_id, kind, sealed FROM secrets',
    );
    for (const row of sealed.rows) (secrets[row.connection_id] ??= {})[row.kind] = row.sealed;
    // Rows written before members had ids carry theirs only in the column (the migration filled it in).
    const history = await client.query<{ entry: Record<string, unknown>; member_id: string | null }>(
      'SELECT entry, member_id FROM (SELECT seq, entry, member_id FROM history ORDER BY seq DESC LIMIT $1) newest ORDER BY seq',
      [historyLimit],
    );
    const settings = await records('SELECT NULL AS key, record FROM settings');
    const sealing = await records('SELECT NULL AS key, record FROM sealing');
    const seq = await client.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM changes');
    const members = await readMembers(client);
    await client.query('COMMIT');
    const data = StoreDataSchema.parse({
      schemaVersion: CURRENT_SCHEMA_VERSION,
      partners,
      connections,
      tokens,
      states,
      secrets,
      audit: history.rows.map((row) =>
        row.member_id === null || 'memberId' in row.entry
          ? row.entry
          : { ...row.entry, memberId: row.member_id },
      ),
      ...(settings[0] ? { settings: settings[0].record } : {}),
      sealing: sealing[0]?.record ?? null,
    });
    return { data, seq: Number(seq.rows[0]?.seq ?? 0), members };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
