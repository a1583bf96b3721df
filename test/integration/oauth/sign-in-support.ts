import { connect, createServer, type Server } from 'node:net';
import type { TokenTrayCore } from '../../../main/core/app';
import type { Connection } from '../../../main/core/domain';
import { discoverIssuer } from '../../../main/core/oauth/discovery';
import { AxiosHttpClient } from '../../../main/core/http/axios-http-client';
import type { FakeClock } from '../../support/fake-clock';
import { SIGN_IN_CLIENT, type OidcServer } from '../../support/oidc-server';

/** An oauth2 connection filled in from the issuer's metadata, as the form's Discover button does. */
export async function addSignInConnection(
  core: TokenTrayCore,
  clock: FakeClock,
  oidc: OidcServer,
  scope = 'openid email',
  client: { clientId: string; clientSecret?: string } = SIGN_IN_CLIENT,
): Promise<Connection> {
  const found = await discoverIssuer(oidc.issuer, new AxiosHttpClient());
  const partner = core.admin.addPartner({ name: 'Signing partner', contactEmail: 'ops@partner.example' });
  const connection = await core.admin.addConnection(
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
      // The server's tokens live a minute: a five-minute lead time would call them expiring at once.
      policy: { leadTimeMs: 10_000 },
    },
    client.clientSecret ? { clientSecret: client.clientSecret } : {},
  );
  await clock.advanceAsync(0);
  await core.idle();
  return connection;
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
