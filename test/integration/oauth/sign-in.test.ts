import { describe, expect, it } from 'vitest';
import type { TokenTrayError } from '../../../main/core/domain/errors';
import { FakeClock } from '../../support/fake-clock';
import { startCoreHarness, type CoreHarness } from '../../support/core-harness';
import { passSignInPages } from '../../support/oidc-sign-in-pages';
import { PUBLIC_CLIENT, startOidcServer, type OidcServer } from '../../support/oidc-server';
import {
  addSignInConnection,
  deliverCallback,
  occupyPort,
  portIsClosed,
  signInAs,
  startForEachTest,
} from './sign-in-support';

const LIFETIME_S = 60;

describe('signing in with authorization code and PKCE through a loopback redirect', () => {
  let clock: FakeClock;
  let harness: CoreHarness;
  let oidc: OidcServer;
  startForEachTest({ accessTokenTtl: LIFETIME_S }, (world) => ({ clock, harness, oidc } = world));

  const viewOf = () => harness.core.snapshot().partners[0]?.connections[0];
  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected the sign-in to fail');
      },
      (error: TokenTrayError) => error,
    );
  async function nothingStored(connectionId: string): Promise<void> {
    expect(await harness.vault.get(connectionId, 'refreshToken')).toBeNull();
    expect(await harness.vault.get(connectionId, 'accessToken')).toBeNull();
    expect(viewOf()?.token).toBeNull();
  }

  it('a connection that signs in waits for it, and says so', async () => {
    await addSignInConnection(harness.core, clock, oidc);
    expect(viewOf()?.status).toBe('needsAction');
    expect(viewOf()?.followUp?.message).toMatch(/Nobody has signed in/);
  });

  it('stores the tokens, shows the account that signed in, closes the port, and then renews with the refresh token', async () => {
    const { core } = harness;
    const connection = await addSignInConnection(core, clock, oidc);
    const { signInId, authorizationUrl } = await core.signIn.start(connection.id);
    const url = new URL(authorizationUrl);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    const redirect = new URL(url.searchParams.get('redirect_uri') ?? '');
    expect(redirect.hostname).toBe('127.0.0.1');
    expect(redirect.pathname).toBe('/callback');

    const callback = await passSignInPages(authorizationUrl, { login: 'alice' });
    const page = await deliverCallback(callback);
    expect(page?.page).toMatch(/return to TokenTray/);
    const result = await core.signIn.finish(signInId);

    expect(result.account).toBe('alice@partner.example');
    expect(await portIsClosed(Number(redirect.port))).toBe(true);
    const view = viewOf();
    expect(view?.status).toBe('healthy');
    expect(view?.token?.userId).toBe('alice@partner.example');
    expect(await harness.vault.get(connection.id, 'refreshToken')).not.toBeNull();
    const history = core.history({ connectionId: connection.id });
    expect(history.find((entry) => entry.action === 'signedIn')?.message).toBe(
      'Signed in as alice@partner.example.',
    );

    await clock.advanceAsync((LIFETIME_S * 1000 * 2) / 3 + 1000);
    await core.idle();
    expect(oidc.tokenRequests.refresh_token).toBe(1);
    expect(viewOf()?.status).toBe('healthy');
    expect(viewOf()?.token?.fingerprint).not.toBe(view?.token?.fingerprint);
  });

  it('after the partner revokes the grant, the refusal says to get new tokens, and signing in again makes it healthy', async () => {
    const { core } = harness;
    const connection = await addSignInConnection(core, clock, oidc);
    const signIn = (login: string) => signInAs(core, connection.id, login);
    await signIn('alice');
    const deadRefreshToken = await harness.vault.get(connection.id, 'refreshToken');

    await oidc.revokeAllGrants();
    await clock.advanceAsync((LIFETIME_S * 1000 * 2) / 3 + 1000);
    await core.idle();
    const refused = viewOf();
    expect(refused?.status).toBe('needsAction');
    expect(refused?.followUp?.reason).toBe('invalid_grant');
    expect(refused?.followUp?.guidance).toEqual([
      'The partner no longer accepts the stored refresh token (expired, revoked, or already used).',
      'Renewing again would only send the refused token again, so get new tokens instead.',
      "Sign in again, or re-add the partner with the refresh token it issues (the connection's Refresh token field).",
    ]);

    const again = await signIn('bob');
    expect(again.account).toBe('bob@partner.example');
    const healed = viewOf();
    expect(healed?.status).toBe('healthy');
    expect(healed?.followUp).toBeNull();
    expect(healed?.token?.userId).toBe('bob@partner.example');
    const stored = await harness.vault.get(connection.id, 'refreshToken');
    expect(stored).not.toBeNull();
    expect(stored).not.toBe(deadRefreshToken);
    const actions = core.history({ connectionId: connection.id }).map((entry) => entry.action);
    expect(actions.filter((action) => action === 'signedIn')).toHaveLength(2);
    expect(actions).toContain('renewalFailed');

    await clock.advanceAsync((LIFETIME_S * 1000 * 2) / 3 + 1000);
    await core.idle();
    expect(viewOf()?.status).toBe('healthy');
  });

  it('a public client with no secret signs in with its id alone and renews with it', async () => {
    const { core } = harness;
    const connection = await addSignInConnection(core, clock, oidc, 'openid email', PUBLIC_CLIENT);
    expect((await signInAs(core, connection.id, 'dana')).account).toBe('dana@partner.example');
    expect(await harness.vault.get(connection.id, 'clientSecret')).toBeNull();

    await clock.advanceAsync((LIFETIME_S * 1000 * 2) / 3 + 1000);
    await core.idle();
    expect(oidc.tokenRequests.refresh_token).toBe(1);
    expect(viewOf()?.status).toBe('healthy');
  });

  it('denied consent ends the attempt with a clear sentence, stores nothing and closes the port', async () => {
    const { core } = harness;
    const connection = await addSignInConnection(core, clock, oidc);
    const { signInId, authorizationUrl } = await core.signIn.start(connection.id);
    const port = Number(new URL(new URL(authorizationUrl).searchParams.get('redirect_uri') ?? '').port);
    await deliverCallback(await passSignInPages(authorizationUrl, { consent: 'deny' }));

    const error = await failureOf(core.signIn.finish(signInId));
    expect(error.code).toBe('sign_in_access_denied');
    expect(error.message).toBe(
      "The sign-in was declined at the partner's page (access denied). Nothing was changed.",
    );
    await nothingStored(connection.id);
    expect(await portIsClosed(port)).toBe(true);
    expect(oidc.tokenRequests.authorization_code).toBeUndefined();
  });

  it('an answer with the wrong state is ignored: nothing stored, the code never used, the port closed', async () => {
    const { core } = harness;
    const connection = await addSignInConnection(core, clock, oidc);
    const { signInId, authorizationUrl } = await core.signIn.start(connection.id);
    const callback = await passSignInPages(authorizationUrl);
    callback.searchParams.set('state', 'forged-state');
    await deliverCallback(callback);

    const error = await failureOf(core.signIn.finish(signInId));
    expect(error.code).toBe('sign_in_wrong_state');
    expect(error.message).toMatch(/does not belong to this sign-in/);
    await nothingStored(connection.id);
    expect(await portIsClosed(Number(callback.port))).toBe(true);
    expect(oidc.tokenRequests.authorization_code).toBeUndefined();
  });

  it('a second callback finds nothing listening and changes nothing', async () => {
    const { core } = harness;
    const connection = await addSignInConnection(core, clock, oidc);
    const { signInId, authorizationUrl } = await core.signIn.start(connection.id);
    const callback = await passSignInPages(authorizationUrl);
    await deliverCallback(callback);
    await core.signIn.finish(signInId);
    const stored = await harness.vault.get(connection.id, 'refreshToken');

    expect(await deliverCallback(callback)).toBeNull();
    expect(oidc.tokenRequests.authorization_code).toBe(1);
    expect(await harness.vault.get(connection.id, 'refreshToken')).toBe(stored);
    const error = await failureOf(core.signIn.finish(signInId));
    expect(error.code).toBe('sign_in_not_found');
  });

  it('a callback after the timeout finds the port closed, and the attempt says it timed out', async () => {
    const { core } = harness;
    const connection = await addSignInConnection(core, clock, oidc);
    const { signInId, authorizationUrl } = await core.signIn.start(connection.id);
    const finished = failureOf(core.signIn.finish(signInId));
    const callback = await passSignInPages(authorizationUrl);

    await clock.advanceAsync(5 * 60_000);
    const error = await finished;
    expect(error.code).toBe('sign_in_timeout');
    expect(error.message).toBe(
      'Nobody finished signing in within 5 minutes, so the sign-in was stopped. Nothing was changed.',
    );
    expect(await deliverCallback(callback)).toBeNull();
    expect(await portIsClosed(Number(callback.port))).toBe(true);
    await nothingStored(connection.id);
  });
});

describe('a sign-in whose port is taken', () => {
  it('says the port is in use and leaves nothing listening', async () => {
    const taken = await occupyPort();
    const clock = new FakeClock(Date.now());
    const harness = await startCoreHarness({ clock, signIn: { port: taken.port } });
    const oidc = await startOidcServer();
    try {
      const connection = await addSignInConnection(harness.core, clock, oidc);
      const error = await harness.core.signIn.start(connection.id).then(
        () => null,
        (thrown: TokenTrayError) => thrown,
      );
      expect(error?.code).toBe('sign_in_port_in_use');
      expect(error?.message).toBe(
        `Port ${taken.port} on this computer is already in use, so the sign-in could not start. Nothing was changed.`,
      );
      await taken.release();
      expect(await portIsClosed(taken.port)).toBe(true);
    } finally {
      await taken.release().catch(() => undefined);
      await harness.close();
      await oidc.close();
    }
  });
});
