import { connect, createServer, type Server } from 'node:net';
import { afterEach, beforeEach } from 'vitest';
import type { TokenTrayCore } from '../../../main/core/app';
import type { Connection, ConnectionInput } from '../../../main/core/domain';
import { discoverIssuer } from '../../../main/core/oauth/discovery';
import { AxiosHttpClient } from '../../../main/core/http/axios-http-client';
import { startCoreHarness, type CoreHarness } from '../../support/core-harness';
import { FakeClock } from '../../support/fake-clock';
import { passSignInPages } from '../../support/oidc-sign-in-pages';
import {
  SIGN_IN_CLIENT,
  startOidcServer,
  type OidcServer,
  type OidcServerOptions,
} from '../../support/oidc-server';

/** An oauth2 connection filled in from the issuer's metadata, as the form's Discover button does; planned on `clock`. */
export async function addSignInConnection(
  core: TokenTrayCore,
  clock: FakeClock,
  oidc: OidcServer,
  scope = 'openid email',
  client: SignInClient = SIGN_IN_CLIENT,
): Promise<Connection> {
  const connection = await addDiscoveredConnection(core, oidc, {
    scope,
    client,
    // The server's tokens live a minute: a five-minute lead time would call them expiring at once.
    policy: { leadTimeMs: 10_000 },
  });
  await clock.advanceAsync(0);
  await core.idle();
  return connection;
}

/** The client a connection signs in as: with a secret, or a public client with its id alone. */
export interface SignInClient {
  clientId: string;
  clientSecret?: string;
}

/** An oauth2 connection that signs in at `oidc`, its endpoints discovered from the issuer's metadata. */
export async function addDiscoveredConnection(
  core: TokenTrayCore,
  oidc: OidcServer,
  { scope, client, policy }: { scope: string; client: SignInClient; policy?: ConnectionInput['policy'] },
): Promise<Connection> {
  const found = await discoverIssuer(oidc.issuer, new AxiosHttpClient());
  const partner = core.admin.addPartner({ name: 'Signing partner', contactEmail: 'ops@partner.example' });
  return core.admin.addConnection(
    {
      partnerId: partner.id,
      label: 'Partner account',
      dialect: 'oauth2',
      endpoint: found.tokenEndpoint,
      revocationUrl: found.revocationEndpoint,
      settings: {
        clientId: client.clientId,
        grant: 'authorization_code',
        issuer: found.issuer,
        authorizationUrl: found.authorizationEndpoint,
        scope,
        authMethod: client.clientSecret ? found.authMethod : 'none',
        bodyShape: 'flat',
      },
      ...(policy && { policy }),
    },
    client.clientSecret ? { clientSecret: client.clientSecret } : {},
  );
}

/** Signs in as `login` would: the browser passes the server's pages and delivers the redirect back; answers as `finish` does. */
export async function signInAs(core: TokenTrayCore, connectionId: string, login: string) {
  const { signInId, authorizationUrl } = await core.signIn.start(connectionId);
  await deliverCallback(await passSignInPages(authorizationUrl, { login }));
  return core.signIn.finish(signInId);
}

/** True when nothing listens on the port any more (a connection attempt is refused). */
export function portIsClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

/** Holds a port, as another program would. */
export async function occupyPort(): Promise<{ port: number; release(): Promise<void> }> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { port, release: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** What the browser does with the redirect back: a GET of the callback; null when nothing answered. */
export async function deliverCallback(url: URL): Promise<{ status: number; page: string } | null> {
  try {
    const response = await fetch(url, { redirect: 'manual' });
    return { status: response.status, page: await response.text() };
  } catch {
    return null;
  }
}

/** What each sign-in test starts from: a core on a fake clock, and an authorization server of its own. */
export interface SignInWorld {
  clock: FakeClock;
  harness: CoreHarness;
  oidc: OidcServer;
}

/**
 * Starts a fresh world before each test of the calling suite and hands it to `use` (which keeps it
 * for the tests); closes it after each test.
 */
export function startForEachTest(options: OidcServerOptions, use: (world: SignInWorld) => void): void {
  let world: SignInWorld | undefined;
  beforeEach(async () => {
    const clock = new FakeClock(Date.now());
    const harness = await startCoreHarness({ clock });
    const oidc = await startOidcServer(options);
    world = { clock, harness, oidc };
    use(world);
  });
  afterEach(async () => {
    await world?.harness.close();
    await world?.oidc.close();
  });
}
