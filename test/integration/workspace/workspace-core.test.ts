import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TokenTrayCore } from '../../../main/core/app';
import { createCoreApi } from '../../../main/core/api/core-api';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';
import { connectionFor } from '../../support/connection-for';
import { useWorkspaceServers } from './workspace-servers';
import { startWorkspaceInstance } from './workspace-instance';

const env = useWorkspaceServers();

async function openInstance(url: string, service: string, member: string): Promise<TokenTrayCore> {
  return (await startWorkspaceInstance({ url, member }, { keychain: new KeytarVault({ service }) })).core;
}

/** Resolves once `done` holds, looked at again on each change the instance hears. */
function whenSeen(core: TokenTrayCore, done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (done()) return resolve();
    const stop = core.subscribe((event) => {
      if (event.type !== 'changed' || !done()) return;
      stop();
      resolve();
    });
  });
}

describe('a workspace shared by two instances', () => {
  it('shows a connection added on one instance on the other, with its sealed secrets, and renews it once', async () => {
    const url = await env.server.createDatabase();
    const service = `TokenTray-workspace-${randomUUID()}`;
    const first = await openInstance(url, service, 'Ada');
    const second = await openInstance(url, service, 'Grace');
    try {
      const seen = new Promise<void>((resolve) =>
        second.subscribe((event) => {
          if (event.type === 'changed' && second.snapshot().partners.length > 0) resolve();
        }),
      );
      const provisioned = env.simulator.provision('oauth2', { rotate: true });
      const partner = first.admin.addPartner({ name: 'Acme', contactEmail: 'ops@acme.example' });
      const { input, secrets } = connectionFor(provisioned, partner.id);
      const connection = await first.admin.addConnection(input, secrets);
      await seen;
      expect(await second.secrets.get(connection.id, 'refreshToken')).toBe(provisioned.refreshToken);

      const [a, b] = await Promise.all([first.renewNow(connection.id), second.renewNow(connection.id)]);
      expect([a.kind, b.kind]).toEqual(['renewed', 'renewed']);
      expect(env.simulator.requestCount(provisioned.key)).toBe(1);
      expect(env.simulator.familyRevoked(provisioned.key)).toBe(false);
      const renewals = second.history({ connectionId: connection.id }).filter((e) => e.action === 'renewed');
      expect(renewals.map((e) => e.member)).toHaveLength(1);
    } finally {
      await first.stop();
      await second.stop();
    }
  }, 60_000);

  it('restores with a backup the secrets of a connection a plain import brought back without them, and the other instance renews it once', async () => {
    const url = await env.server.createDatabase();
    const service = `TokenTray-workspace-${randomUUID()}`;
    const first = await openInstance(url, service, 'Ada');
    const second = await openInstance(url, service, 'Grace');
    try {
      const api = createCoreApi(first, { kind: 'browser' });
      const provisioned = env.simulator.provision('oauth2', { rotate: true });
      const partner = first.admin.addPartner({ name: 'Acme', contactEmail: 'ops@acme.example' });
      const { input, secrets } = connectionFor(provisioned, partner.id);
      const removed = await first.admin.addConnection(input, secrets);
      const backup = await api.exportBackup('workspace backup: correct horse');
      const plain = await api.exportData();
      await first.admin.removeConnection(removed.id);
      await api.importData(plain.contents);
      const [brought] = first.snapshot().partners.flatMap((p) => p.connections);
      expect(brought?.status).toBe('needsAction');

      const result = await api.importBackup(backup.contents, 'workspace backup: correct horse');

      expect(result).toMatchObject({ connectionsAdded: 0, connectionsRestored: 1, skipped: [] });
      const heard = () => second.snapshot().partners.flatMap((p) => p.connections);
      await whenSeen(second, () => heard().length === 1 && heard()[0]!.status === 'healthy');
      expect(await second.secrets.get(brought!.id, 'refreshToken')).toBe(provisioned.refreshToken);
      const [a, b] = await Promise.all([first.renewNow(brought!.id), second.renewNow(brought!.id)]);
      expect([a.kind, b.kind]).toEqual(['renewed', 'renewed']);
      expect(env.simulator.requestCount(provisioned.key)).toBe(1);
      expect(env.simulator.familyRevoked(provisioned.key)).toBe(false);
    } finally {
      await first.stop();
      await second.stop();
    }
  }, 60_000);
});
