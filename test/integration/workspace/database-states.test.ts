import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenTrayCore } from '../../../main/core/app';
import { AxiosHttpClient } from '../../../main/core/http/axios-http-client';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';
import { Workspace } from '../../../main/core/workspace/open-workspace';
import { startPostgres, type TestPostgres, withDatabase } from '../../support/postgres';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(() => server?.remove());

async function openCore(url: string): Promise<TokenTrayCore> {
  const workspace = await Workspace.open({ url, member: 'Ada', statementTimeoutMs: 1_000, retryMs: 200 });
  const core = new TokenTrayCore({
    workspace,
    keychain: new KeytarVault({ service: `TokenTray-states-${randomUUID()}` }),
    http: new AxiosHttpClient(),
    storageRetryMs: 200,
  });
  await core.start();
  return core;
}

async function partnersInDatabase(url: string): Promise<string[]> {
  return withDatabase(url, async (client) => {
    const { rows } = await client.query<{ name: string }>("SELECT record->>'name' AS name FROM partners");
    return rows.map((row) => row.name).sort();
  });
}

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 100));
}

describe('a workspace database that refuses writes for a while', () => {
  it('made read-only: says so, keeps the change in memory only, and writes it once the database takes writes again', async () => {
    const url = await server.createDatabase();
    const core = await openCore(url);
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    try {
      await admin.query('ALTER SYSTEM SET default_transaction_read_only = on');
      await admin.query('SELECT pg_reload_conf()');
      core.admin.addPartner({ name: 'Acme', contactEmail: 'ops@acme.example' });
      await expect(core.saved()).rejects.toMatchObject({ code: 'storage_unavailable' });
      const state = core.storageState();
      expect(state).toMatchObject({ ok: false, problem: 'workspaceReadOnly' });
      expect(await partnersInDatabase(url)).toEqual([]);

      await admin.query('ALTER SYSTEM RESET default_transaction_read_only');
      await admin.query('SELECT pg_reload_conf()');
      await until(() => core.storageState().ok);
      expect(await partnersInDatabase(url)).toEqual(['Acme']);
    } finally {
      await admin.query('ALTER SYSTEM RESET default_transaction_read_only').catch(() => undefined);
      await admin.query('SELECT pg_reload_conf()').catch(() => undefined);
      await admin.end();
      await core.stop();
    }
  }, 60_000);

  it('past its statement timeout: says the database did not answer in time, and writes the change once it does', async () => {
    const url = await server.createDatabase();
    const core = await openCore(url);
    const blocker = new pg.Client({ connectionString: url });
    await blocker.connect();
    try {
      // Another session holds the table: the write waits past the workspace's statement timeout.
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE partners IN ACCESS EXCLUSIVE MODE');
      core.admin.addPartner({ name: 'Acme', contactEmail: 'ops@acme.example' });
      await expect(core.saved()).rejects.toMatchObject({ code: 'storage_unavailable' });
      expect(core.storageState()).toMatchObject({ ok: false, problem: 'workspaceTimeout' });

      await blocker.query('ROLLBACK');
      await until(() => core.storageState().ok);
      expect(await partnersInDatabase(url)).toEqual(['Acme']);
    } finally {
      await blocker.end();
      await core.stop();
    }
  }, 60_000);
});
