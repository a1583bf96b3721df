import type { AuditLog } from '../audit/audit-log';
import { redact } from '../audit/audit-log';
import type { Catalog } from '../catalog/catalog';
import type { ConnectionId, FollowUpReason, RenewalOutcome, TransientReason } from '../domain';
import {
  fingerprint,
  guidanceFor,
  KeychainUnavailableError,
  newId,
  retriesExhaustedReason,
  TokenTrayError,
} from '../domain';
import type { RenewalSecrets } from '../dialects/build-request';
import { buildRenewalRequest } from '../dialects/build-request';
import type { ParsedRenewal } from '../dialects/parse-response';
import { classifyHttpFailure, parseRenewalResponse } from '../dialects/parse-response';
import { profileFor } from '../dialects/presets';
import type { HttpClient, HttpRequest } from '../http/http-client';
import { HttpFailure } from '../http/http-client';
import { SealedValueUnreadableError } from '../vault/seal';
import type { SecretVault } from '../vault/secret-vault';
import type { Clock } from './clock';
import { checkEligibility } from './eligibility';
import type { RenewalLimiter, RequestGate } from './limiter';
import { nextRetryAt } from './retry-policy';
import type { RenewedSecrets } from './store-renewed-secrets';
import { storeRenewedSecrets } from './store-renewed-secrets';

export type RenewalTrigger = 'manual' | 'scheduled' | 'recovery';

export interface RenewalEngineDeps {
  catalog: Catalog;
  vault: SecretVault;
  http: HttpClient;
  clock: Clock;
  audit: AuditLog;
  limiter: RenewalLimiter;
  random?: () => number;
  /** Called after every change of a connection's state, tokens or plan. */
  onChange: (connectionId: ConnectionId) => void;
  /** Called when a connection newly needs a person. */
  onNeedsAction?: (connectionId: ConnectionId) => void;
  /** Called after each finished renewal, so the planner can schedule the next one. */
  onSettled?: (connectionId: ConnectionId) => void;
}

/**
 * Renews one connection at a time per connection: a renewal already running is
 * joined, never started twice, because a second use of a rotated refresh token
 * gets the whole token family revoked on many servers.
 */
export class RenewalEngine {
  private readonly running = new Map<ConnectionId, Promise<RenewalOutcome>>();
  /** Renewed secrets the keychain could not take yet; written before the next request. */
  private readonly unsaved = new Map<ConnectionId, { sent: string | null; renewed: RenewedSecrets }>();
  private readonly random: () => number;

  constructor(private readonly deps: RenewalEngineDeps) {
    this.random = deps.random ?? Math.random;
  }

  renew(connectionId: ConnectionId, trigger: RenewalTrigger = 'manual'): Promise<RenewalOutcome> {
    const existing = this.running.get(connectionId);
    if (existing) return existing;
    const run = this.run(connectionId, trigger).finally(() => {
      this.running.delete(connectionId);
      this.deps.onSettled?.(connectionId);
    });
    this.running.set(connectionId, run);
    return run;
  }

  isRenewing(connectionId: ConnectionId): boolean {
    return this.running.has(connectionId);
  }

  /** Resolves when every running renewal has settled. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  /** Within the limits (limiter.ts): a global one on renewals, a per-host one on requests. */
  private run(id: ConnectionId, trigger: RenewalTrigger): Promise<RenewalOutcome> {
    const connection = this.deps.catalog.requireConnection(id);
    return this.deps.limiter.renewal(hostOf(connection.endpoint), (request) =>
      this.renewWithin(id, trigger, request),
    );
  }

  private async renewWithin(
    id: ConnectionId,
    trigger: RenewalTrigger,
    request: RequestGate,
  ): Promise<RenewalOutcome> {
    const { catalog, clock } = this.deps;
    const connection = catalog.requireConnection(id);

    let secrets: RenewalSecrets;
    try {
      await this.writeUnsavedSecrets(id);
      secrets = await this.readSecrets(id);
    } catch (error) {
      if (error instanceof KeychainUnavailableError)
        return this.retryLater(id, 'keychain_unavailable', error.message);
      // A damaged sealed value stops this connection only; nothing is sent with what cannot be read.
      if (error instanceof SealedValueUnreadableError)
        return this.needsAction(id, 'secret_unreadable', error.message);
      throw error;
    }

    const eligibility = checkEligibility({
      connection,
      partner: catalog.partner(connection.partnerId),
      state: catalog.state(id),
      hasRefreshToken: secrets.refreshToken !== null,
      now: clock.now(),
    });
    if (!eligibility.ok) {
      const { reason, message } = eligibility;
      if (eligibility.paused) return { kind: 'followUp', reason, message, guidance: guidanceFor(reason) };
      return this.needsAction(id, reason, message);
    }

    const profile = profileFor(connection);
    if (!profile) return this.needsAction(id, 'not_eligible', 'This connection has no renewal profile.');
    let httpRequest: HttpRequest;
    try {
      httpRequest = buildRenewalRequest(profile, connection, secrets);
    } catch (error) {
      if (error instanceof TokenTrayError) return this.needsAction(id, 'not_eligible', error.message);
      throw error;
    }

    // The marker survives a crash, so that start-up knows this renewal must be checked.
    catalog.updateState(id, {
      phase: 'renewing',
      inFlight: {
        startedAt: clock.now(),
        refreshFingerprint: secrets.refreshToken ? fingerprint(secrets.refreshToken) : null,
      },
    });
    await catalog.commit();
    this.deps.onChange(id);

    const parsed = withoutSecrets(
      await this.send(request, httpRequest, (response) => parseRenewalResponse(profile, response)),
      [secrets.clientSecret, secrets.refreshToken, secrets.accessToken],
    );
    switch (parsed.kind) {
      case 'renewed':
        return this.acceptRenewal(id, secrets.refreshToken, parsed);
      case 'retry':
        return this.retryLater(id, parsed.reason, parsed.message, parsed.httpStatus, parsed.retryAfterMs);
      case 'followUp':
        if (parsed.reason === 'invalid_grant' && (await this.renewedElsewhere(id, secrets.refreshToken))) {
          return this.acceptRenewalElsewhere(id);
        }
        return this.needsAction(
          id,
          // seed 004 checks the access token first, so a rotation lost in a crash can come back as a 401.
          (parsed.reason === 'invalid_grant' || parsed.reason === 'unauthorized') && trigger === 'recovery'
            ? 'lost_in_crash'
            : parsed.reason,
          parsed.message,
          parsed.httpStatus,
        );
    }
  }

  private async send(
    gate: RequestGate,
    request: HttpRequest,
    parse: (response: Awaited<ReturnType<HttpClient['send']>>) => ParsedRenewal,
  ): Promise<ParsedRenewal> {
    try {
      return parse(await gate(() => this.deps.http.send(request)));
    } catch (error) {
      if (error instanceof HttpFailure) return classifyHttpFailure(error);
      throw error;
    }
  }

  private async readSecrets(id: ConnectionId): Promise<RenewalSecrets> {
    const { vault } = this.deps;
    const [clientSecret, refreshToken, accessToken] = await Promise.all([
      vault.get(id, 'clientSecret'),
      vault.get(id, 'refreshToken'),
      vault.get(id, 'accessToken'),
    ]);
    return { clientSecret, refreshToken, accessToken };
  }

  private async writeUnsavedSecrets(id: ConnectionId): Promise<void> {
    const pending = this.unsaved.get(id);
    if (!pending) return;
    await storeRenewedSecrets(this.deps.vault, id, pending.sent, pending.renewed);
    this.unsaved.delete(id);
  }

  private async acceptRenewal(
    id: ConnectionId,
    sentRefreshToken: string | null,
    parsed: Extract<ParsedRenewal, { kind: 'renewed' }>,
  ): Promise<RenewalOutcome> {
    const { catalog, vault } = this.deps;
    const renewed = { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken };
    try {
      await storeRenewedSecrets(vault, id, sentRefreshToken, renewed);
    } catch (error) {
      if (!(error instanceof TokenTrayError)) throw error;
      // Keep the new secrets in memory only, and write them before anything else next time.
      this.unsaved.set(id, { sent: sentRefreshToken, renewed });
      return this.retryLater(id, 'keychain_unavailable', error.message);
    }

    const connection = catalog.requireConnection(id);
    const previous = catalog.currentToken(id);
    if (previous) {
      // seed 004 revokes the old access token at once; elsewhere it stays valid until its own expiry.
      const status = connection.dialect === 'bearer-rotation' ? 'revoked' : 'renewed';
      catalog.putToken({ ...previous, status });
    }
    const token = {
      id: newId(),
      connectionId: id,
      kind: 'access' as const,
      status: 'active' as const,
      issuedAt: parsed.issuedAt,
      expiresAt: parsed.expiresAt,
      scope: parsed.scope ?? previous?.scope,
      serverId: parsed.serverId,
      userId: parsed.userId,
      fingerprint: fingerprint(parsed.accessToken),
    };
    catalog.putToken(token);
    catalog.pruneTokens(id);
    const rotated = parsed.refreshToken !== null && parsed.refreshToken !== sentRefreshToken;
    const state = catalog.state(id);
    catalog.updateState(id, {
      phase: 'idle',
      attempt: 0,
      nextAttemptAt: null,
      lastRenewedAt: parsed.issuedAt,
      lastError: null,
      followUp: null,
      refreshSuggestedAt: parsed.refreshSuggestedAt,
      refreshExpiresAt: parsed.refreshExpiresAt ?? (rotated ? null : state.refreshExpiresAt),
      clockSkewMs: parsed.clockSkewMs,
      inFlight: null,
    });
    this.deps.audit.append({
      action: 'renewed',
      outcome: 'ok',
      partnerId: connection.partnerId,
      connectionId: id,
      httpStatus: parsed.httpStatus,
      fingerprint: token.fingerprint,
      message: parsed.expiresAt === null ? 'Renewed; the server gave no lifetime.' : 'Renewed.',
    });
    // The new secrets and this state are one journal line and one sync: a crash leaves both or neither,
    // and with neither the marker still on disk makes start-up check and renew again.
    await catalog.commit();
    this.deps.onChange(id);
    return {
      kind: 'renewed',
      issuedAt: parsed.issuedAt,
      expiresAt: parsed.expiresAt,
      httpStatus: parsed.httpStatus,
      rotatedRefreshToken: rotated,
    };
  }

  /** Before declaring a refresh token dead, re-read the vault: a changed token means someone else renewed. */
  private async renewedElsewhere(id: ConnectionId, sentRefreshToken: string | null): Promise<boolean> {
    try {
      const stored = await this.deps.vault.get(id, 'refreshToken');
      return stored !== null && stored !== sentRefreshToken;
    } catch {
      return false;
    }
  }

  private acceptRenewalElsewhere(id: ConnectionId): RenewalOutcome {
    const { catalog, clock } = this.deps;
    catalog.updateState(id, {
      phase: 'idle',
      attempt: 0,
      nextAttemptAt: null,
      followUp: null,
      inFlight: null,
    });
    this.deps.onChange(id);
    const current = catalog.currentToken(id);
    return {
      kind: 'renewed',
      issuedAt: current?.issuedAt ?? clock.now(),
      expiresAt: current?.expiresAt ?? null,
      httpStatus: 0,
      rotatedRefreshToken: true,
    };
  }

  private retryLater(
    id: ConnectionId,
    reason: TransientReason,
    message: string,
    httpStatus?: number,
    retryAfterMs?: number,
  ): RenewalOutcome {
    const { catalog, clock } = this.deps;
    const state = catalog.state(id);
    const nextAttemptAt = nextRetryAt({
      now: clock.now(),
      attempt: state.attempt,
      // Renewing needs a live refresh token, not a live access token: after a long sleep the
      // access token may be gone while the refresh token still works, so retry until it dies.
      expiresAt: state.refreshExpiresAt,
      retryAfterMs,
      random: this.random,
    });
    if (nextAttemptAt === null) {
      return this.needsAction(
        id,
        retriesExhaustedReason(reason),
        `Gave up retrying before the refresh token expired: ${message}`,
      );
    }
    catalog.updateState(id, {
      phase: 'retrying',
      attempt: state.attempt + 1,
      nextAttemptAt,
      lastError: message,
      inFlight: null,
    });
    this.deps.audit.append({
      action: 'renewalRetry',
      outcome: 'retry',
      partnerId: catalog.connection(id)?.partnerId,
      connectionId: id,
      httpStatus,
      message,
    });
    this.deps.onChange(id);
    return { kind: 'retry', reason, message, httpStatus, retryAfterMs, nextAttemptAt };
  }

  private needsAction(
    id: ConnectionId,
    reason: FollowUpReason,
    message: string,
    httpStatus?: number,
  ): RenewalOutcome {
    const { catalog, clock } = this.deps;
    const guidance = guidanceFor(reason);
    catalog.updateState(id, {
      phase: 'needsAction',
      attempt: 0,
      nextAttemptAt: null,
      lastError: message,
      followUp: { reason, message, guidance, at: clock.now(), httpStatus },
      inFlight: null,
    });
    this.deps.audit.append({
      action: 'renewalFailed',
      outcome: 'followUp',
      partnerId: catalog.connection(id)?.partnerId,
      connectionId: id,
      httpStatus,
      message,
    });
    this.deps.onChange(id);
    this.deps.onNeedsAction?.(id);
    return { kind: 'followUp', reason, message, guidance, httpStatus };
  }
}

/** The limiter's key: a connection's endpoint host, or the endpoint itself when it is no URL (checked later). */
function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

/**
 * A server may echo what it was sent in its error text; the parser hides what looks
 * like a token, and this removes the exact secrets sent, whatever they look like.
 */
function withoutSecrets(parsed: ParsedRenewal, sent: Array<string | null>): ParsedRenewal {
  if (parsed.kind === 'renewed') return parsed;
  const secrets = sent.filter((s): s is string => s !== null);
  return {
    ...parsed,
    message: redact(parsed.message, secrets),
    ...('serverError' in parsed && parsed.serverError
      ? { serverError: redact(parsed.serverError, secrets) }
      : {}),
  };
}
