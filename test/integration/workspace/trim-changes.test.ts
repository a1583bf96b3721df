import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenTrayCore } from '../../../main/core/app';
import { Catalog } from '../../../main/core/catalog/catalog';
import { AxiosHttpClient } from '../../../main/core/http/axios-http-client';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';
import { ChangeFollower } from '../../../main/core/workspace/change-follower';
import { KnownMembers } from '../../../main/core/workspace/known-members';
import { loadWorkspace } from '../../../main/core/workspace/load-workspace';
import { Workspace } from '../../../main/core/workspace/open-workspace';
import { WorkspaceWriter } from '../../../main/core/workspace/workspace-writer';
import { startPostgres, type TestPostgres } from '../../support/postgres';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(() => server?.remove());

async function openMember(url: string, service: string, member: string) {
  const workspace = await Workspace.open({ url, member, changesRetentionMs: 0 });
  const core = new TokenTrayCore({
    workspace,
    keychain: new KeytarVault({ service }),
    http: new AxiosHttpClient(),
  });
  await core.start();
  return { workspace, core };
}

async function changesKept(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM changes');
  return Number(rows[0]!.n);
}

describe('the workspace trimming the changes its instances follow', () => {
  it('keeps only what is within the retention, and an instance that had not read the trimmed changes reads the whole workspace again', async () => {
    const url = await server.createDatabase();
    const service = `TokenTray-trim-${randomUUID()}`;
    const ada = await openMember(url, service, 'Ada');
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    try {
      const first = ada.core.admin.addPartner({ name: 'First', contactEmail: 'ops@first.example' });
      await ada.core.saved();
      // What an instance that stopped following here holds: its view and the number of the newest change in it.
      const client = await pool.connect();
      const behind = await loadWorkspace(client, 0).finally(() => client.release());
      ada.core.admin.addPartner({ name: 'Second', contactEmail: 'ops@second.example' });
      await ada.core.saved();
      ada.core.admin.updatePartner(first.id, { name: 'Renamed', contactEmail: 'ops@first.example' });
      await ada.core.saved();
      const before = await changesKept(pool);

      const trimmed = await ada.workspace.trimChanges();

      expect(before).toBeGreaterThan(2);
      expect(trimmed).toBe(before - 1);
      expect(await changesKept(pool)).toBe(1);
      const catalog = new Catalog(
        behind.data,
        new WorkspaceWriter(pool, { instance: 'reader', member: null, label: 'test' }),
      );
      const touched: boolean[] = [];
      const follower = new ChangeFollower(
        pool,
        catalog,
        'reader',
        behind.seq,
        (_ids, settings) => touched.push(settings),
        new KnownMembers(behind.members),
      );
      expect(catalog.partners().map((p) => p.name)).toEqual(['First']);
      await follower.catchUp();
      expect(
        catalog
          .partners()
          .map((p) => p.name)
          .sort(),
      ).toEqual(['Renamed', 'Second']);
      expect(touched).toEqual([true]);

      // An instance that kept up follows on as before.
      const grace = await openMember(url, service, 'Grace');
      try {
        ada.core.admin.addPartner({ name: 'Third', contactEmail: 'ops@third.example' });
        await ada.core.saved();
        await grace.workspace.catchUp();
        expect(
          grace.core
            .snapshot()
            .partners.map((p) => p.name)
            .sort(),
        ).toEqual(['Renamed', 'Second', 'Third']);
        await follower.catchUp();
        expect(
          catalog
            .partners()
            .map((p) => p.name)
            .sort(),
        ).toEqual(['Renamed', 'Second', 'Third']);
      } finally {
        await grace.core.stop();
      }
    } finally {
      await ada.core.stop();
      await pool.end();
    }
  }, 60_000);
});
