import type { ConnectionId, EpochMs, PartnerId, TokenRecord } from '../domain';
import {
  boundedTime,
  fingerprint,
  needsActionState,
  newId,
  REVOKE_AND_READD_STEPS,
  TokenTrayError,
} from '../domain';
import { checkEndpointUrl } from '../dialects/endpoint-security';
import { basicAuthorization } from '../dialects/basic-auth';
import { HttpFailure } from '../http/http-client';
import type { HttpRequest } from '../http/http-client';
import { SealedValueUnreadableError } from '../vault/seal';
import type { SecretKind } from '../domain/secret-kinds';
import type { CoreContext } from './core-context';

export interface VerifyResult {
  ok: boolean;
  httpStatus: number | null;
  message: string;
}

export interface RevokeResult {
  connections: number;
  /** Tokens the partner's RFC 7009 endpoint confirmed; local deletion happens regardless. */
  revokedAtPartner: number;
  problems: string[];
}

const YEAR = 365 * 24 * 60 * 60_000;
const REVOKE_ATTEMPTS = 3;

/**
 * The steps when a renewed token does not authenticate: verify it, revoke
 * all of the partner's tokens, re-add. Also the manual dialect's "paste the new
 * token" and the copy that hands a token to a partner.
 */
export class PartnerTokens {
  constructor(private readonly context: CoreContext) {}

  /** The secret of the current token, for the host to copy or share. Audited, never logged. */
  async revealToken(
    id: ConnectionId,
    purpose: 'copied' | 'shared' | 'read',
  ): Promise<{ token: string; fingerprint: string }> {
    const revealed = await this.currentToken(id);
    this.recordHandover(id, purpose, revealed.fingerprint);
    return revealed;
  }

  /**
   * The current token without a line of history: for a share, which is recorded only
   * once the mail draft was handed over or the message copied (`recordHandover`).
   */
  async currentToken(id: ConnectionId): Promise<{ token: string; fingerprint: string }> {
    const connection = this.context.catalog.requireConnection(id);
    const token = await this.storedToken(id, connection.dialect);
    if (!token)
      throw new TokenTrayError('no_token', 'No token is stored for this connection.', REVOKE_AND_READD_STEPS);
    return { token, fingerprint: fingerprint(token) };
  }

  /** The connection's current token, or null when none is stored. */
  private async storedToken(id: ConnectionId, dialect: string): Promise<string | null> {
    const kind = currentKind(dialect);
    return this.context.vault.get(id, kind).catch((error: unknown) => {
      // A renewal replaces an access token it cannot read; a partner token nothing replaces, so its row says so.
      if (error instanceof SealedValueUnreadableError && kind === 'partnerToken') this.needsAction(id, error);
      throw error;
    });
  }

  /** The connection stops and asks for its secret again, as a renewal that met it would. */
  private needsAction(id: ConnectionId, error: SealedValueUnreadableError): void {
    const { catalog, clock } = this.context;
    catalog.updateState(id, needsActionState('secret_unreadable', error.message, clock.now()));
    this.context.changed([id]);
    // Best effort: a disk that refuses it now takes it with the next commit, and the next copy finds the same.
    void catalog.commit().catch(() => undefined);
  }

  /** A token left TokenTray: who it went to is the purpose, how is the message ("Mail draft handed over"). */
  recordHandover(
    id: ConnectionId,
    purpose: 'copied' | 'shared' | 'read',
    print: string,
    message?: string,
  ): void {
    const connection = this.context.catalog.requireConnection(id);
    this.context.audit.append({
      action: purpose,
      outcome: 'info',
      partnerId: connection.partnerId,
      connectionId: id,
      fingerprint: print,
      ...(message === undefined ? {} : { message }),
    });
  }

  /** Step 2: a GET of the connection's verify URL with the token as Bearer. */
  async verify(id: ConnectionId): Promise<VerifyResult> {
    const { catalog, http, audit } = this.context;
    const connection = catalog.requireConnection(id);
    if (!connection.verifyUrl) {
      return {
        ok: false,
        httpStatus: null,
        message: 'This connection has no verify URL. Add one in its settings.',
      };
    }
    const endpoint = checkEndpointUrl(connection.verifyUrl);
    if (!endpoint.ok) return { ok: false, httpStatus: null, message: endpoint.message };
    const token = await this.storedToken(id, connection.dialect);
    if (!token) return { ok: false, httpStatus: null, message: 'No token is stored for this connection.' };

    let result: VerifyResult;
    try {
      const response = await http.send({
        method: 'GET',
        url: connection.verifyUrl,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        timeoutMs: 15_000,
        maxBodyBytes: 64 * 1024,
        connectionId: id,
      });
      const ok = response.status >= 200 && response.status < 300;
      result = {
        ok,
        httpStatus: response.status,
        message: ok
          ? 'The partner accepts this token.'
          : `The partner refused this token (HTTP ${response.status}).`,
      };
    } catch (error) {
      if (!(error instanceof HttpFailure)) throw error;
      result = { ok: false, httpStatus: null, message: `Could not reach the verify URL: ${error.message}` };
    }
    const current = catalog.currentToken(id);
    if (result.ok && current?.status === 'new') catalog.putToken({ ...current, status: 'active' });
    audit.append({
      action: result.ok ? 'verified' : 'verifyFailed',
      outcome: result.ok ? 'ok' : 'followUp',
      partnerId: connection.partnerId,
      connectionId: id,
      httpStatus: result.httpStatus ?? undefined,
      fingerprint: current?.fingerprint,
      message: result.message,
    });
    this.context.changed([id]);
    return result;
  }

  /**
   * Step 3: revoke every token of the partner, at the partner (RFC 7009, refresh
   * token first) where a connection has a revocation endpoint, and always locally.
   */
  async revokeAll(partnerId: PartnerId): Promise<RevokeResult> {
    const { catalog, vault, audit, clock } = this.context;
    const partner = catalog.requirePartner(partnerId);
    const result: RevokeResult = { connections: 0, revokedAtPartner: 0, problems: [] };
    for (const connection of catalog.connectionsOf(partner.id)) {
      result.connections += 1;
      if (connection.revocationUrl) {
        const clientSecret = await vault.get(connection.id, 'clientSecret').catch(unreadableAsNull);
        for (const [kind, hint] of [
          ['refreshToken', 'refresh_token'],
          ['accessToken', 'access_token'],
        ] as const) {
          const token = await vault.get(connection.id, kind).catch(unreadableAsNull);
          if (!token) continue;
          const outcome = await this.revokeAtPartner(connection.revocationUrl, token, hint, {
            clientId: connection.settings.clientId,
            clientSecret,
            inBody: connection.settings.authMethod === 'body',
            connectionId: connection.id,
          });
          if (outcome === true) result.revokedAtPartner += 1;
          else result.problems.push(`${connection.label}: ${outcome}`);
        }
      }
      await vault.deleteAll(connection.id);
      for (const token of catalog.tokensOf(connection.id)) {
        if (token.status !== 'revoked') catalog.putToken({ ...token, status: 'revoked' });
      }
      catalog.updateState(connection.id, {
        phase: 'needsAction',
        attempt: 0,
        nextAttemptAt: null,
        inFlight: null,
        followUp: {
          reason: 'revoked',
          message: 'All tokens were revoked. Re-add the partner to get a new working token.',
          guidance: ['Edit this connection and enter the new credentials the partner gives you.'],
          at: clock.now(),
        },
      });
      audit.append({ action: 'revoked', outcome: 'ok', partnerId, connectionId: connection.id });
    }
    this.context.changed(catalog.connectionsOf(partner.id).map((c) => c.id));
    return result;
  }

  /**
   * The manual dialect: the new token becomes New, the old one Renewed and
   * stays usable until its own expiry so the partner can switch over.
   */
  async replaceManualToken(id: ConnectionId, token: string, expiresAt?: EpochMs): Promise<TokenRecord> {
    const { catalog, vault, audit, clock } = this.context;
    const connection = catalog.requireConnection(id);
    if (connection.dialect !== 'manual') {
      throw new TokenTrayError(
        'not_manual',
        'Only tokens issued in a partner portal are pasted in; this one renews itself.',
      );
    }
    const value = token.trim();
    if (value.length === 0 || value.length > 16_384) {
      throw new TokenTrayError('invalid_input', 'Paste the new token issued in the partner portal.');
    }
    const now = clock.now();
    if (expiresAt !== undefined && (boundedTime(expiresAt) === null || expiresAt <= now)) {
      throw new TokenTrayError('invalid_input', 'The new token must expire in the future.');
    }
    const previous = catalog.currentToken(id);
    const print = fingerprint(value);
    if (previous?.fingerprint === print) {
      throw new TokenTrayError('same_token', 'This is the token already stored. Paste the new one.');
    }
    // An old token that cannot be read (a damaged file) is what pasting a new one mends: none is kept aside then.
    const oldSecret = await vault.get(id, 'partnerToken').catch(unreadableAsNull);
    if (oldSecret) await vault.set(id, 'previousPartnerToken', oldSecret);
    else await vault.delete(id, 'previousPartnerToken');
    await vault.set(id, 'partnerToken', value);
    if (previous) catalog.putToken({ ...previous, status: 'renewed' });
    const record: TokenRecord = {
      id: newId(),
      connectionId: id,
      kind: 'partner',
      status: 'new',
      issuedAt: now,
      expiresAt: expiresAt ?? now + YEAR,
      scope: connection.settings.scope,
      fingerprint: print,
    };
    catalog.putToken(record);
    catalog.pruneTokens(id);
    catalog.updateState(id, { phase: 'idle', followUp: null, lastError: null });
    audit.append({
      action: 'replaced',
      outcome: 'ok',
      partnerId: connection.partnerId,
      connectionId: id,
      fingerprint: print,
    });
    // The pasted token is on disk before the window hears it is stored.
    await catalog.commit();
    this.context.changed([id]);
    return record;
  }

  private async revokeAtPartner(
    url: string,
    token: string,
    hint: string,
    client: { clientId?: string; clientSecret: string | null; inBody: boolean; connectionId: string },
  ): Promise<true | string> {
    const endpoint = checkEndpointUrl(url);
    if (!endpoint.ok) return endpoint.message;
    const form = new URLSearchParams({ token, token_type_hint: hint });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (client.clientId && client.clientSecret) {
      if (client.inBody) {
        form.set('client_id', client.clientId);
        form.set('client_secret', client.clientSecret);
      } else {
        headers.authorization = basicAuthorization(client.clientId, client.clientSecret);
      }
    }
    const request: HttpRequest = {
      method: 'POST',
      url,
      headers,
      body: form.toString(),
      timeoutMs: 15_000,
      connectionId: client.connectionId,
    };
    let lastProblem = 'no answer';
    // RFC 7009 §2.2.1: 503 means try again later.
    for (let attempt = 0; attempt < REVOKE_ATTEMPTS; attempt++) {
      try {
        const response = await this.context.http.send(request);
        if (response.status === 200) return true;
        lastProblem = `the revocation endpoint answered HTTP ${response.status}`;
        if (response.status !== 503) return lastProblem;
      } catch (error) {
        if (!(error instanceof HttpFailure)) throw error;
        lastProblem = `the revocation endpoint could not be reached (${error.kind})`;
      }
    }
    return lastProblem;
  }
}

function currentKind(dialect: string): SecretKind {
  return dialect === 'manual' ? 'partnerToken' : 'accessToken';
}

/** A damaged stored secret cannot be sent to the partner; revoking it here still goes on. */
function unreadableAsNull(error: unknown): null {
  if (error instanceof SealedValueUnreadableError) return null;
  throw error;
}
