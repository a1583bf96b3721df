import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateWorkspace, WORKSPACE_SCHEMA_VERSION } from '../../../main/core/workspace/schema-migrations';
import { startPostgres, withDatabase, type TestPostgres } from '../../support/postgres';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(() => server?.remove());

describe('the workspace schema in PostgreSQL', () => {
  it('is created at the first start and left alone at the next', async () => {
    const url = await server.createDatabase();
    const first = await withDatabase(url, migrateWorkspace);
    const second = await withDatabase(url, migrateWorkspace);
    const tables = await withDatabase(url, async (client) => {
      const { rows } = await client.query<{ tablename: string }>(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
      );
      return rows.map((row) => row.tablename);
    });
    expect([first, second]).toEqual([0, WORKSPACE_SCHEMA_VERSION]);
    expect(tables).toEqual(expect.arrayContaining(['changes', 'connections', 'secrets', 'schema_versions']));
  });

  it('is migrated once when several instances start together', async () => {
    const url = await server.createDatabase();
    const from = await Promise.all([1, 2, 3].map(() => withDatabase(url, migrateWorkspace)));
    expect(from.sort()).toEqual([0, WORKSPACE_SCHEMA_VERSION, WORKSPACE_SCHEMA_VERSION]);
  });

  it('refuses a workspace set up by a newer version, and changes nothing', async () => {
    const url = await server.createDatabase();
    await withDatabase(url, migrateWorkspace);
    await withDatabase(url, (client) => client.query('INSERT INTO schema_versions (version) VALUES (999)'));
    await expect(withDatabase(url, migrateWorkspace)).rejects.toMatchObject({ code: 'workspace_too_new' });
  });
});
