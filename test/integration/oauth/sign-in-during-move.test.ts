import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenTrayCore } from '../../../main/core/app';
import { AxiosHttpClient } from '../../../main/core/http/axios-http-client';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';
import { Workspace } from '../../../main/core/workspace/open-workspace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenTrayError } from '../../../main/core/domain/errors';
import { FakeClock } from '../../support/fake-clock';
import type { CoreHarness } from '../../support/core-harness';
import { passSignInPages } from '../../support/oidc-sign-in-pages';
import { startOidcServer, type OidcServer } from '../../support/oidc-server';
import { startPostgres, type TestPostgres, withDatabase } from '../../support/postgres';
import { addSignInConnection, deliverCallback, startForEachTest } from './sign-in-support';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(() => server?.remove());

async function count(url: string, sql: string, values: unknown[]): Promise<number> {
  return withDatabase(url, async (client) => {
    const { rows } = await client.query<{ n: number }>(sql, values);
    return rows[0]?.n ?? 0;
  });
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the sign-in to be refused');
    },
    (error: TokenTrayError) => error,
  );

/** A loopback port nothing listens on: a database there refuses the connection at once. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

describe('a sign-in that comes back while its profile moves into a workspace', () => {
  let clock: FakeClock;
  let harness: CoreHarness;
  let oidc: OidcServer;
  startForEachTest({ accessTokenTtl: 60 }, (world) => ({ clock, harness, oidc } = world));

  it("is refused with the move's error before the code is exchanged, and the workspace holds no tokens from it", async () => {
    const { core } = harness;
    const connection = await addSignInConnection(core, clock, oidc);
    const { signInId, authorizationUrl } = await core.signIn.start(connection.id);
    const callback = await passSignInPages(authorizationUrl, { login: 'alice' });

    const url = await server.createDatabase();
    const move = core.moveIntoWorkspace({ url, member: 'Ada' });
    await deliverCallback(callback);
    const refused = await failureOf(core.signIn.finish(signInId));
    const moved = await move;

    expect(refused.code).toBe('profile_moved');
    expect(refused.message).toBe(
      'This profile is moving into a workspace, so the sign-in was not stored here. Nothing was changed.',
    );
    expect(refused.guidance).toEqual([
      'Sign in again once the move is done, in the TokenTray where the connection renews then.',
    ]);
    expect(moved.connections).toBe(1);
    // The partner was never asked for the tokens, and the moved connection still waits for someone to sign in.
    expect(oidc.tokenRequests.authorization_code ?? 0).toBe(0);
    expect(
      await count(url, 'SELECT count(*)::int AS n FROM secrets WHERE connection_id = $1 AND kind = $2', [
        connection.id,
        'refreshToken',
      ]),
    ).toBe(0);
    expect(
      await count(url, "SELECT count(*)::int AS n FROM history WHERE entry->>'action' = 'signedIn'", []),
    ).toBe(0);
  });

  it('is stored as usual when the move could not begin (its database unreachable): the profile stays as it was', async () => {
    const { core } = harness;
    const connection = await addSignInConnection(core, clock, oidc);
    const { signInId, authorizationUrl } = await core.signIn.start(connection.id);
    const callback = await passSignInPages(authorizationUrl, { login: 'alice' });

    const unreachable = `postgres://tokentray:secret@127.0.0.1:${await closedPort()}/tokentray`;
    await expect(core.moveIntoWorkspace({ url: unreachable, member: 'Ada' })).rejects.toThrow(
      /^Workspace unreachable/,
    );
    await deliverCallback(callback);
    const result = await core.signIn.finish(signInId);

    expect(result.account).toBe('alice@partner.example');
    expect(oidc.tokenRequests.authorization_code).toBe(1);
    expect(await harness.vault.get(connection.id, 'refreshToken')).not.toBeNull();
  });
});

describe('a sign-in that comes back while this workspace moves its connections out', () => {
  it("is refused with the move's error before the code is exchanged: no tokens are issued to be left behind", async () => {
    const clock = new FakeClock(Date.now());
    const oidc = await startOidcServer({ accessTokenTtl: 60 });
    const keychain = new KeytarVault({ service: `TokenTray-move-out-${randomUUID()}` });
    const url = await server.createDatabase();
    const workspace = await Workspace.open({ url, member: 'Ada', keychain, now: () => clock.now() });
    const core = new TokenTrayCore({
      workspace,
      workspaceUrl: url,
      keychain,
      clock,
      http: new AxiosHttpClient(),
    });
    const folder = mkdtempSync(join(tmpdir(), 'tokentray-moved-out-'));
    try {
      await core.start();
      const connection = await addSignInConnection(core, clock, oidc);
      const { signInId, authorizationUrl } = await core.signIn.start(connection.id);
      const callback = await passSignInPages(authorizationUrl, { login: 'alice' });

      const move = core.moveOutOfWorkspace(join(folder, 'local'));
      await deliverCallback(callback);
      const refused = await failureOf(core.signIn.finish(signInId));
      const moved = await move;

      expect(refused.code).toBe('profile_moved');
      expect(refused.message).toBe(
        'The connections are moving out of this workspace, so the sign-in was not stored. Nothing was changed.',
      );
      expect(moved.connections).toBe(1);
      expect(oidc.tokenRequests.authorization_code ?? 0).toBe(0);
      expect(core.snapshot().partners).toEqual([]);
    } finally {
      await core.stop();
      await keychain.close();
      await oidc.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
