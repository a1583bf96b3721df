import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateWorkspace, WORKSPACE_SCHEMA_VERSION } from '../../../main/core/workspace/schema-migrations';
import { startPostgres, type TestPostgres } from '../../support/postgres';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(() => server?.remove());

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

describe('the workspace schema in PostgreSQL', () => {
  it('is created at the first start and left alone at the next', async () => {
    const url = await server.createDatabase();
    const first = await withClient(url, migrateWorkspace);
    const second = await withClient(url, migrateWorkspace);
    const tables = await withClient(url, async (client) => {
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
    const from = await Promise.all([1, 2, 3].map(() => withClient(url, migrateWorkspace)));
    expect(from.sort()).toEqual([0, WORKSPACE_SCHEMA_VERSION, WORKSPACE_SCHEMA_VERSION]);
  });

  it('refuses a workspace set up by a newer version, and changes nothing', async () => {
    const url = await server.createDatabase();
    await withClient(url, migrateWorkspace);
    await withClient(url, (client) => client.query('INSERT INTO schema_versions (version) VALUES (999)'));
    await expect(withClient(url, migrateWorkspace)).rejects.toMatchObject({ code: 'workspace_too_new' });
  });
});
