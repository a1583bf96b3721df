import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TokenTrayCore } from '../../../main/core/app';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';
import { connectionFor } from '../../support/connection-for';
import { useWorkspaceServers } from './workspace-servers';
import { startWorkspaceInstance } from './workspace-instance';

const env = useWorkspaceServers();

async function openInstance(url: string, service: string, member: string): Promise<TokenTrayCore> {
  return (await startWorkspaceInstance({ url, member }, { keychain: new KeytarVault({ service }) })).core;
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
});
