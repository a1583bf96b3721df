import { randomUUID } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import type { Connection, ConnectionId, EpochMs } from '../domain';
import { TokenTrayError } from '../domain/errors';
import { checkEndpointUrl } from '../dialects/endpoint-security';
import { parseRenewalResponse } from '../dialects/parse-response';
import { OAUTH2_PROFILE } from '../dialects/presets/oauth2';
import type { HttpResponse } from '../http/http-client';
import type { CoreContext } from '../services/core-context';
import { fetchThrough } from './fetch-through';
import { openCallbackListener, type CallbackListener } from './loopback-listener';
import { signInFailure } from './sign-in-errors';

/** How long a person has to finish signing in before the listener closes. */
export const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60_000;

export interface SignInStart {
  signInId: string;
  /** The partner's authorization page, for the host to open in the system browser. */
  authorizationUrl: string;
}

export interface SignInResult {
  connectionId: ConnectionId;
  /** From the ID token where there is one: the e-mail, else the subject, so people see which account signed in. */
  account: string | null;
  expiresAt: EpochMs | null;
}

interface PendingSignIn {
  connectionId: ConnectionId;
  listener: CallbackListener;
  result: Promise<SignInResult>;
}

export interface SignInOptions {
  timeoutMs?: number;
  /** Tests ask for a fixed port to show what happens when it is taken; 0 picks a free one. */
  port?: number;
}

/**
 * Authorization code with PKCE (RFC 7636, S256) through the system browser and a loopback
 * redirect (RFC 8252 §7.3), protocol by oauth4webapi. The tokens received are stored exactly as a
 * renewal's, so the connection then renews with its refresh token like any oauth2 connection.
 */
export class OAuthSignIn {
  private readonly pending = new Map<string, PendingSignIn>();

  /**
   * @param refusal why no sign-in may store tokens now (the profile is moving), or null: asked
   *   when one starts, before the code is exchanged, and again just before the tokens are stored.
   */
  constructor(
    private readonly context: CoreContext,
    private readonly options: SignInOptions = {},
    private readonly refusal: () => TokenTrayError | null = () => null,
  ) {}

  async start(connectionId: ConnectionId): Promise<SignInStart> {
    const connection = this.context.catalog.requireConnection(connectionId);
    this.refuseIfMoving();
    const server = authorizationServerOf(connection);
    const client: oauth.Client = { client_id: connection.settings.clientId ?? '' };
    // One sign-in per connection at a time: a new one replaces the one left unfinished or uncollected.
    for (const [id, other] of this.pending) {
      if (other.connectionId !== connectionId) continue;
      this.pending.delete(id);
      await other.listener.close();
    }

    const listener = await openCallbackListener({
      clock: this.context.clock,
      timeoutMs: this.options.timeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS,
      port: this.options.port,
    });
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    // Nothing below should fail; if it does, no listener is left open.
    const challenge = await oauth.calculatePKCECodeChallenge(verifier).catch(async (error: unknown) => {
      await listener.close();
      throw signInFailure(error);
    });
    const url = new URL(server.authorization_endpoint ?? '');
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', client.client_id);
    url.searchParams.set('redirect_uri', listener.redirectUri);
    if (connection.settings.scope) url.searchParams.set('scope', connection.settings.scope);
    url.searchParams.set('code_challenge', challenge);
    url.searchParams.set('code_challenge_method', 'S256');
    url.searchParams.set('state', state);

    const signInId = randomUUID();
    const result = listener.callback
      .then((callback) =>
        this.finishWith(connection, server, client, callback, listener.redirectUri, state, verifier),
      )
      .catch((error: unknown) => {
        throw signInFailure(error);
      })
      .finally(() => void listener.close());
    result.catch(() => undefined);
    this.pending.set(signInId, { connectionId, listener, result });
    return { signInId, authorizationUrl: url.href };
  }

  /**
   * Resolves when the person has signed in and the tokens are stored; rejects with a sentence
   * otherwise. The outcome is handed over once: asking again says the sign-in is over.
   */
  finish(signInId: string): Promise<SignInResult> {
    const pending = this.pending.get(signInId);
    this.pending.delete(signInId);
    if (!pending) {
      return Promise.reject(
        new TokenTrayError('sign_in_not_found', 'This sign-in has already finished or was stopped.', [
          'Start the sign-in again.',
        ]),
      );
    }
    return pending.result;
  }

  async cancel(signInId: string): Promise<void> {
    await this.pending.get(signInId)?.listener.close();
  }

  /** Closes every listener (at shutdown). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.pending.values()].map((pending) => pending.listener.close()));
  }

  private refuseIfMoving(): void {
    const refused = this.refusal();
    if (refused) throw refused;
  }

  private async finishWith(
    connection: Connection,
    server: oauth.AuthorizationServer,
    client: oauth.Client,
    callback: URL,
    redirectUri: string,
    state: string,
    verifier: string,
  ): Promise<SignInResult> {
    const { vault, http, engine } = this.context;
    const params = oauth.validateAuthResponse(server, client, callback, state);
    // Refused before the code is exchanged: no tokens are issued that nothing would keep.
    this.refuseIfMoving();
    const clientSecret = await vault.get(connection.id, 'clientSecret');
    let tokenAnswer: HttpResponse | undefined;
    const response = await oauth.authorizationCodeGrantRequest(
      server,
      client,
      clientAuthOf(connection, clientSecret),
      params,
      redirectUri,
      verifier,
      {
        [oauth.customFetch]: fetchThrough(http, {
          connectionId: connection.id,
          onResponse: (answer) => (tokenAnswer = answer),
        }),
        [oauth.allowInsecureRequests]: new URL(server.token_endpoint ?? '').protocol === 'http:',
      },
    );
    const tokens = await oauth.processAuthorizationCodeResponse(server, client, response);
    const claims = oauth.getValidatedIdTokenClaims(tokens);
    // The same reading of the token answer as every oauth2 renewal: expiry, clock skew, refresh lifetime.
    const parsed = tokenAnswer ? parseRenewalResponse(OAUTH2_PROFILE, tokenAnswer) : undefined;
    if (parsed?.kind !== 'renewed') throw new Error('The token answer could not be read.');
    const account = accountOf(claims);
    // A move that began during the exchange: checked in the same turn as the engine takes the
    // tokens, so either the move waits for them (engine.idle) or they are refused here.
    this.refuseIfMoving();
    const outcome = await engine.acceptSignIn(connection.id, parsed, account);
    if (outcome.kind !== 'renewed') {
      throw new TokenTrayError(
        'sign_in_not_stored',
        outcome.message,
        outcome.kind === 'followUp' ? outcome.guidance : [],
      );
    }
    return { connectionId: connection.id, account, expiresAt: outcome.expiresAt };
  }
}

/** The connection's server as oauth4webapi wants it; every address passes the endpoint rule first. */
function authorizationServerOf(connection: Connection): oauth.AuthorizationServer {
  const unavailable = (message: string) =>
    new TokenTrayError('sign_in_unavailable', message, [
      'Edit the connection: enter its issuer URL and choose Discover.',
    ]);
  if (connection.dialect !== 'oauth2') throw unavailable('Only OAuth 2.0 connections can sign in.');
  if (!connection.settings.clientId) throw unavailable('This connection has no client id to sign in with.');
  const authorization = checkEndpointUrl(connection.settings.authorizationUrl ?? '');
  if (!connection.settings.authorizationUrl || !authorization.ok) {
    throw unavailable('This connection has no usable authorization URL, so it cannot sign in.');
  }
  const token = checkEndpointUrl(connection.endpoint);
  if (!token.ok) throw unavailable(token.message);
  return {
    issuer: connection.settings.issuer || authorization.url.origin,
    authorization_endpoint: authorization.url.href,
    token_endpoint: token.url.href,
  };
}

function clientAuthOf(connection: Connection, clientSecret: string | null): oauth.ClientAuth {
  // RFC 8252 §8.4: a native app may be a public client, with no secret at all.
  if (!clientSecret) return oauth.None();
  return connection.settings.authMethod === 'body'
    ? oauth.ClientSecretPost(clientSecret)
    : oauth.ClientSecretBasic(clientSecret);
}

function accountOf(claims: oauth.IDToken | undefined): string | null {
  if (!claims) return null;
  const email = typeof claims.email === 'string' ? claims.email : undefined;
  const text = (email ?? claims.sub)
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, 200);
  return text || null;
}
