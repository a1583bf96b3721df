import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TokenTrayCore } from '../../../main/core/app';
import type { Connection } from '../../../main/core/domain';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';
import type { Workspace } from '../../../main/core/workspace/open-workspace';
import { PUBLIC_CLIENT, startOidcServer, type OidcServer } from '../../support/oidc-server';
import { startPostgres, type TestPostgres } from '../../support/postgres';
import { addDiscoveredConnection, signInAs } from '../oauth/sign-in-support';
import { startWorkspaceInstance } from './workspace-instance';

let server: TestPostgres;
let oidc: OidcServer;
beforeAll(async () => {
  [server, oidc] = await Promise.all([startPostgres(), startOidcServer({ accessTokenTtl: 3600 })]);
}, 60_000);
afterAll(async () => {
  await oidc?.close();
  server?.remove();
});

const opened: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of opened.splice(0).reverse()) await close().catch(() => undefined);
});

async function openInstance(url: string, service: string, member: string) {
  const keychain = new KeytarVault({ service });
  const started = await startWorkspaceInstance({ url, member }, { keychain });
  opened.push(() => started.core.stop());
  return started;
}

/**
 * An oauth2 connection that signs in, with a public client: the authorization server rotates
 * its refresh token at each renewal (RFC 9700 §4.14.2) and refuses a rotated-away one.
 */
function addSignInConnection(core: TokenTrayCore): Promise<Connection> {
  return addDiscoveredConnection(core, oidc, { scope: 'openid email', client: PUBLIC_CLIENT });
}

/** Resolves when this instance first asks for the connection's renewal lease. */
function leaseAsked(workspace: Workspace, connectionId: string): Promise<void> {
  const lease = workspace.lease;
  const take = lease.take.bind(lease);
  return new Promise((resolve) => {
    lease.take = (id, options) => {
      if (id === connectionId) resolve();
      return take(id, options);
    };
  });
}

describe('a sign-in on one member while another member renews the same connection', () => {
  it('waits for that renewal to commit, then stores its own tokens: one renewal, no reuse, both in the history in order', async () => {
    const url = await server.createDatabase();
    const service = `TokenTray-sign-in-lease-${randomUUID()}`;
    const ada = await openInstance(url, service, 'Ada');
    const grace = await openInstance(url, service, 'Grace');
    const connection = await addSignInConnection(ada.core);
    expect((await signInAs(ada.core, connection.id, 'alice')).account).toBe('alice@partner.example');
    await grace.workspace.catchUp();
    const refreshesBefore = oidc.tokenRequests.refresh_token ?? 0;

    // Ada's renewal holds the connection's lease, its answer held back at the partner.
    const held = oidc.holdRefreshAnswers();
    const renewal = ada.core.renewNow(connection.id);
    await held.arrived;
    // Grace signs in meanwhile: her tokens wait for the lease Ada's renewal holds.
    const asked = leaseAsked(grace.workspace, connection.id);
    const signedIn = signInAs(grace.core, connection.id, 'bob');
    await asked;
    held.release();
    const [renewed, signIn] = await Promise.all([renewal, signedIn]);
    expect(renewed.kind).toBe('renewed');
    expect(signIn.account).toBe('bob@partner.example');
    expect(oidc.tokenRequests.refresh_token).toBe(refreshesBefore + 1);

    // Both instances hold the sign-in's tokens, committed after the renewal's.
    await ada.workspace.catchUp();
    for (const core of [ada.core, grace.core]) {
      const view = core.snapshot().partners[0]?.connections[0];
      expect(view?.status).toBe('healthy');
      expect(view?.token?.userId).toBe('bob@partner.example');
      const lines = core
        .history({ connectionId: connection.id })
        .filter((entry) => entry.action === 'renewed' || entry.action === 'signedIn')
        .map((entry) => [entry.action, entry.member]);
      // Newest first.
      expect(lines).toEqual([
        ['signedIn', 'Grace'],
        ['renewed', 'Ada'],
        ['signedIn', 'Ada'],
      ]);
    }
    expect(await ada.core.secrets.get(connection.id, 'refreshToken')).toBe(
      await grace.core.secrets.get(connection.id, 'refreshToken'),
    );

    // The stored refresh token is the sign-in's own, live at the partner: it renews once more, unrefused.
    expect((await ada.core.renewNow(connection.id)).kind).toBe('renewed');
    expect(oidc.tokenRequests.refresh_token).toBe(refreshesBefore + 2);
    expect(ada.core.snapshot().partners[0]?.connections[0]?.status).toBe('healthy');
  }, 60_000);
});
