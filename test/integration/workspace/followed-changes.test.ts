import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { journalFormat } from '../../../main/core/store/journal-records';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';
import { useWorkspaceServers } from './workspace-servers';
import { startWorkspaceInstance } from './workspace-instance';

const env = useWorkspaceServers();

describe('changes another instance committed', () => {
  it('are applied as written when checked with the same schemas, and an unreadable one is left out otherwise', async () => {
    const url = await env.server.createDatabase();
    const keychain = new KeytarVault({ service: `TokenTray-workspace-${randomUUID()}` });
    const { core, workspace } = await startWorkspaceInstance({ url, member: 'Ada' }, { keychain });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const acme = core.admin.addPartner({ name: 'Acme' });
      await core.saved();
      const partner = (name: string) => ({ put: 'partners', value: { ...acme, id: randomUUID(), name } });
      const unchecked = partner('Written by an older version');
      const unreadable = { put: 'partners', value: { ...acme, id: randomUUID(), name: '' } };
      const checked = partner('Written by this version');
      await client.query('INSERT INTO changes (instance, ops, format) VALUES ($1, $2, NULL), ($1, $3, $4)', [
        'another-instance',
        JSON.stringify([unreadable, unchecked]),
        JSON.stringify([checked]),
        journalFormat(),
      ]);

      await workspace.catchUp();

      const names = core.snapshot().partners.map((p) => p.name);
      expect(names.sort()).toEqual(['Acme', 'Written by an older version', 'Written by this version']);
    } finally {
      await client.end();
      await core.stop();
      await keychain.close();
    }
  }, 60_000);
});
