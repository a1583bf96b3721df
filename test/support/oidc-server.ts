import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import Provider from 'oidc-provider';

/** Client ids the test authorization server knows. */
export const SIGN_IN_CLIENT = { clientId: 'tokentray-desktop', clientSecret: 'desktop-client-secret-5f2c' };
/** A native app without a secret (RFC 8252 §8.4), as many providers register desktop apps. */
export const PUBLIC_CLIENT = { clientId: 'tokentray-public' };
export const MACHINE_CLIENT = { clientId: 'tokentray-machine', clientSecret: 'machine-client-secret-9a1e' };

export interface OidcServerOptions {
  /** Access token lifetime in seconds (default 60). */
  accessTokenTtl?: number;
}

export interface OidcServer {
  issuer: string;
  provider: Provider;
  /** Token endpoint answers, by grant type, so tests count requests. */
  tokenRequests: Record<string, number>;
  /** Everything the server issued that must never appear in output: codes, tokens, id tokens. */
  issuedSecrets(): string[];
  /** Revokes every grant, as a person does in the partner's account settings. */
  revokeAllGrants(): Promise<void>;
  /**
   * Holds back the answers to refresh requests, issued but not sent, until `release`: a renewal
   * under way for as long as a test needs. `arrived` resolves once the first is held.
   */
  holdRefreshAnswers(): { arrived: Promise<void>; release(): void };
  close(): Promise<void>;
}

/**
 * A real OAuth 2.0 / OpenID Connect authorization server (panva's oidc-provider) on
 * 127.0.0.1: discovery, authorization code with PKCE for a native client with a loopback
 * redirect (RFC 8252 §7.3), client credentials, refresh tokens, revocation, and its
 * development login and consent pages, where any login name signs in.
 */
export async function startOidcServer(options: OidcServerOptions = {}): Promise<OidcServer> {
  const ttl = options.accessTokenTtl ?? 60;
  const grants = new Set<string>();
  const secrets = new Set<string>();
  const tokenRequests: Record<string, number> = {};
  const { server, port } = await listenOnLoopback();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: SIGN_IN_CLIENT.clientId,
        client_secret: SIGN_IN_CLIENT.clientSecret,
        application_type: 'native',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: ['http://127.0.0.1/callback'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      {
        client_id: PUBLIC_CLIENT.clientId,
        application_type: 'native',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: ['http://127.0.0.1/callback'],
        token_endpoint_auth_method: 'none',
      },
      {
        client_id: MACHINE_CLIENT.clientId,
        client_secret: MACHINE_CLIENT.clientSecret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        scope: 'orders:read orders:write',
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    scopes: ['openid', 'email', 'offline_access', 'orders:read', 'orders:write'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    findAccount: (_ctx, accountId) => ({
      accountId,
      claims: () => ({ sub: accountId, email: `${accountId}@partner.example`, email_verified: true }),
    }),
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
    },
    pkce: { required: () => true },
    // As most providers do: the e-mail in the ID token, so the app can show who signed in.
    conformIdTokenClaims: false,
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    ttl: {
      AccessToken: ttl,
      ClientCredentials: ttl,
      IdToken: 3600,
      RefreshToken: 24 * 3600,
      Interaction: 600,
      Session: 3600,
      Grant: 24 * 3600,
    },
    cookies: { keys: ['oidc-test-cookie-key'] },
  });
  provider.on('server_error', () => undefined);
  // Opaque tokens and codes are their own id.
  const remember = (token: { jti: string; grantId?: string }) => {
    secrets.add(token.jti);
    if (token.grantId) grants.add(token.grantId);
  };
  provider.on('access_token.saved', remember);
  provider.on('client_credentials.saved', remember);
  provider.on('refresh_token.saved', remember);
  provider.on('authorization_code.saved', remember);
  type TokenContext = {
    body?: unknown;
    oidc?: { params?: { grant_type?: unknown; code_verifier?: unknown } };
  };
  const count = (ctx: TokenContext) => {
    const grantType = String(ctx.oidc?.params?.grant_type ?? 'unknown');
    tokenRequests[grantType] = (tokenRequests[grantType] ?? 0) + 1;
    // The PKCE verifier is the app's secret, seen here when the code is exchanged.
    const verifier = ctx.oidc?.params?.code_verifier;
    if (typeof verifier === 'string') secrets.add(verifier);
  };
  provider.on('grant.success', (ctx: TokenContext) => {
    count(ctx);
    const body = ctx.body as { id_token?: unknown } | undefined;
    if (typeof body?.id_token === 'string') secrets.add(body.id_token);
  });
  provider.on('grant.error', count);
  let hold: { answered: () => void; released: Promise<void> } | null = null;
  provider.use(async (ctx, next) => {
    await next();
    if (hold && (ctx as TokenContext).oidc?.params?.grant_type === 'refresh_token') {
      hold.answered();
      await hold.released;
    }
  });
  server.on('request', provider.callback());
  return {
    issuer,
    provider,
    tokenRequests,
    issuedSecrets: () => [...secrets],
    async revokeAllGrants() {
      for (const grantId of grants) {
        await provider.AccessToken.revokeByGrantId(grantId);
        await provider.RefreshToken.revokeByGrantId(grantId);
        await provider.Grant.adapter.destroy(grantId);
      }
      grants.clear();
    },
    holdRefreshAnswers() {
      let answered = () => {};
      let release = () => {};
      const arrived = new Promise<void>((resolve) => (answered = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      hold = { answered, released };
      return {
        arrived,
        release: () => {
          hold = null;
          release();
        },
      };
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function listenOnLoopback(): Promise<{ server: Server; port: number }> {
  const { createServer } = await import('node:http');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}
