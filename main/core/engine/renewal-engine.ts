import type { AuditLog } from '../audit/audit-log';
import { redact } from '../audit/audit-log';
import type { Catalog } from '../catalog/catalog';
import type { Connection, ConnectionId, FollowUpReason, RenewalOutcome, TransientReason } from '../domain';
import {
  fingerprint,
  guidanceFor,
  KeychainUnavailableError,
  needsActionState,
  newId,
  retriesExhaustedReason,
  TokenTrayError,
} from '../domain';
import type { RenewalSecrets } from '../dialects/renewal-inputs';
import { buildRenewalRequest } from '../dialects/build-request';
import type { ParsedRenewal } from '../dialects/parsed-renewal';
import { classifyHttpFailure, parseRenewalResponse } from '../dialects/parse-response';
import { profileFor, usesClientCredentials } from '../dialects/presets';
import { secretsNeededFor } from '../dialects/renewal-inputs';
import type { HttpClient, HttpRequest } from '../http/http-client';
import { HttpFailure } from '../http/http-client';
import { StorageError } from '../store/storage-failure';
import { SealedValueUnreadableError } from '../vault/seal';
import type { SecretVault } from '../vault/secret-vault';
import type { Clock } from '../domain/clock';
import type { LearnedTimeShifts } from './clock-shift';
import { shiftedRenewal } from './clock-shift';
import { checkEligibility, REFRESH_EXPIRED_LOCALLY_MESSAGE } from './eligibility';
import type { RenewalLimiter, RequestGate } from './limiter';
import type { RenewalLease } from './renewal-lease';
import { withLease } from './renewal-lease';
import { nextRetryAt } from './retry-policy';
import type { RenewedSecrets } from './store-renewed-secrets';
import { storeRenewedSecrets } from './store-renewed-secrets';

export type RenewalTrigger = 'manual' | 'scheduled' | 'recovery';
export type RenewedResponse = Extract<ParsedRenewal, { kind: 'renewed' }>;

export interface RenewalEngineDeps {
  catalog: Catalog;
  vault: SecretVault;
  http: HttpClient;
  clock: Clock;
  audit: AuditLog;
  limiter: RenewalLimiter;
  /** The planner's record of clock shifts, so an answer stored after one moves with it. */
  shifts?: LearnedTimeShifts;
  random?: () => number;
  /** Called after every change of a connection's state, tokens or plan. */
  onChange: (connectionId: ConnectionId) => void;
  /** Called when a connection newly needs a person. */
  onNeedsAction?: (connectionId: ConnectionId) => void;
  /** Called after each finished renewal, so the planner can schedule the next one. */
  onSettled?: (connectionId: ConnectionId) => void;
  /** In a shared workspace: the lease a renewal must hold (renewal-lease.ts). */
  lease?: RenewalLease;
  /** This instance's id, in each in-flight marker it commits (with a lease). */
  instance?: string;
}

/** "Renew now" while another instance of the workspace renews the same connection, for longer than it waited. */
export class RenewingElsewhereError extends TokenTrayError {
  constructor() {
    super(
      'renewing_elsewhere',
      'This connection is being renewed elsewhere, by another member of the workspace.',
      ['Its new token appears here as soon as that renewal is saved; nothing more to do.'],
    );
    this.name = 'RenewingElsewhereError';
  }
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
  /** Connections whose last renewal could not save its in-flight marker: they wait on the disk, not the partner. */
  private readonly waitingOnStorage = new Set<ConnectionId>();
  /**
   * With a lease: connections left alone until something changes (another instance renews
   * them, or the workspace does not answer). The planner takes them for renewing meanwhile.
   */
  private readonly standingBy = new Set<ConnectionId>();
  private readonly random: () => number;

  constructor(private readonly deps: RenewalEngineDeps) {
    this.random = deps.random ?? Math.random;
  }

  renew(connectionId: ConnectionId, trigger: RenewalTrigger = 'manual'): Promise<RenewalOutcome> {
    const existing = this.running.get(connectionId);
    if (existing) return existing;
    return this.singleFlight(connectionId, () => this.run(connectionId, trigger));
  }

  /**
   * Tokens got by signing in replace the stored ones exactly as a renewal's would (refresh token
   * first, crash-safe), after any renewal already running, and renewals joining meanwhile wait for it.
   * In a workspace they are written under the connection's lease, as a renewal's result is: after
   * another instance's renewal under way commits, and never overwritten by one that began before.
   */
  acceptSignIn(
    connectionId: ConnectionId,
    parsed: RenewedResponse,
    account: string | null,
  ): Promise<RenewalOutcome> {
    const before = this.running.get(connectionId)?.catch(() => undefined) ?? Promise.resolve();
    const shiftedBeforeAnswer = this.shiftedSoFar();
    const store = async () => {
      const stored = await this.deps.vault.get(connectionId, 'refreshToken');
      return this.acceptRenewal(connectionId, stored, parsed, shiftedBeforeAnswer, {
        action: 'signedIn',
        message: account ? `Signed in as ${account}.` : 'Signed in.',
        userId: account ?? undefined,
      });
    };
    const lease = this.deps.lease;
    return this.singleFlight(connectionId, async () => {
      await before;
      return lease ? this.storeSignInLeased(lease, connectionId, store) : store();
    });
  }

  /**
   * Waits for the lease as "Renew now" does, then stores the signed-in tokens and lets the lease
   * go once they are committed. Nothing is stored without it: a renewal elsewhere could then
   * commit tokens from the old refresh token over them, or they over that renewal's.
   */
  private storeSignInLeased(
    lease: RenewalLease,
    id: ConnectionId,
    store: () => Promise<RenewalOutcome>,
  ): Promise<RenewalOutcome> {
    const notStored = (): RenewalOutcome => ({
      kind: 'retry',
      reason: 'renewing_elsewhere',
      message: SIGN_IN_NOT_STORED_MESSAGE,
    });
    return withLease(lease, id, {
      wait: true,
      unavailable: (error) => ({ kind: 'retry', reason: 'storage_unavailable', message: error.message }),
      heldElsewhere: notStored,
      work: store,
      superseded: notStored,
    });
  }

  private singleFlight(id: ConnectionId, work: () => Promise<RenewalOutcome>): Promise<RenewalOutcome> {
    const run: Promise<RenewalOutcome> = work().finally(() => {
      if (this.running.get(id) === run) this.running.delete(id);
      this.deps.onSettled?.(id);
    });
    this.running.set(id, run);
    return run;
  }

  isRenewing(connectionId: ConnectionId): boolean {
    return this.running.has(connectionId) || this.standingBy.has(connectionId);
  }

  /** Connections standing by (see `standingBy`) may be planned again; returns those that were. */
  resume(connectionIds?: readonly ConnectionId[]): ConnectionId[] {
    const ids = connectionIds ?? [...this.standingBy];
    return ids.filter((id) => this.standingBy.delete(id));
  }

  /** Whether the connection's renewal waits for the disk to take its in-flight marker. */
  isWaitingOnStorage(connectionId: ConnectionId): boolean {
    return this.waitingOnStorage.has(connectionId);
  }

  /** Resolves when every running renewal has settled. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  /** Within the limits (limiter.ts): a global one on renewals, a per-host one on requests. */
  private async run(id: ConnectionId, trigger: RenewalTrigger): Promise<RenewalOutcome> {
    const connection = this.deps.catalog.requireConnection(id);
    const lease = this.deps.lease;
    // The token this renewal means to replace, before it waits for a slot: another instance may replace it meanwhile.
    const seen = this.deps.catalog.currentToken(id)?.id;
    let committing: Promise<void> | undefined;
    const outcome = await this.deps.limiter.renewal(hostOf(connection.endpoint), (request) =>
      lease
        ? this.renewLeased(lease, id, trigger, request, seen)
        : this.renewWithin(id, trigger, request, (commit) => {
            committing = commit;
          }),
    );
    // A renewal's result is synced after it gives its place back: the next renewal's marker then
    // joins the same sync instead of waiting behind it. It still settles only once the result
    // is on disk.
    await committing;
    return outcome;
  }

  /**
   * In a shared workspace, only the instance holding the connection's lease renews it, for the
   * whole renewal: marker committed, request, result committed, then the lease let go. One that
   * finds it held stands by; "Renew now" waits for that renewal and answers with its result.
   */
  private async renewLeased(
    lease: RenewalLease,
    id: ConnectionId,
    trigger: RenewalTrigger,
    request: RequestGate,
    seen: string | undefined,
  ): Promise<RenewalOutcome> {
    // Renewed, or being renewed, by another instance while this one waited for a slot (its
    // change followed here): no lease is asked for. A marker left by a dead instance is the
    // sweep's to recover ('recovery'), and "Renew now" waits for the renewal under way.
    if (trigger === 'scheduled') {
      if (this.deps.catalog.currentToken(id)?.id !== seen) return this.currentOutcome(id);
      const owner = this.deps.catalog.state(id).inFlight?.owner;
      if (owner !== undefined && owner !== this.deps.instance) return this.standBy(id);
    }
    return withLease(lease, id, {
      wait: trigger === 'manual',
      unavailable: (error) => {
        // Nothing is written: whatever is saved while the workspace is away could contradict another member.
        this.waitingOnStorage.add(id);
        this.standingBy.add(id);
        return { kind: 'retry', reason: 'storage_unavailable', message: error.message };
      },
      heldElsewhere: () => {
        this.waitingOnStorage.delete(id);
        if (trigger === 'manual') throw new RenewingElsewhereError();
        return this.standBy(id);
      },
      work: async (held) => {
        this.waitingOnStorage.delete(id);
        // Renewed by another instance since this one planned it: that renewal was this one's.
        if (!held.recovering && this.deps.catalog.currentToken(id)?.id !== seen)
          return this.currentOutcome(id);
        let committing: Promise<void> | undefined;
        const outcome = await this.renewWithin(
          id,
          held.recovering ? 'recovery' : trigger,
          request,
          (commit) => {
            committing = commit;
          },
          () => held.superseded?.() ?? false,
        );
        // The lease is let go only once the result is committed: the next holder must read it.
        await committing;
        return outcome;
      },
      // Taken over while this instance was cut off (frozen, or its network gone): the other
      // instance's renewal stands and this one's result was not saved, as if renewed elsewhere.
      superseded: () => this.currentOutcome(id),
    });
  }

  /** Another instance renews the connection: this one leaves it alone until something changes. */
  private standBy(id: ConnectionId): RenewalOutcome {
    this.standingBy.add(id);
    return { kind: 'retry', reason: 'renewing_elsewhere', message: new RenewingElsewhereError().message };
  }

  private async renewWithin(
    id: ConnectionId,
    trigger: RenewalTrigger,
    request: RequestGate,
    commitAfterSlot: (commit: Promise<void>) => void,
    superseded: () => boolean = () => false,
  ): Promise<RenewalOutcome> {
    const { catalog, clock } = this.deps;
    const connection = catalog.requireConnection(id);

    let secrets: RenewalSecrets;
    try {
      await this.writeUnsavedSecrets(id);
      secrets = await this.readSecrets(id, connection);
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
      // Client credentials renew without one (RFC 6749 §4.4).
      hasRefreshToken: secrets.refreshToken !== null || usesClientCredentials(connection),
      now: clock.now(),
    });
    // A verdict by this computer's clock alone is not final: the partner, whose clock decides, is asked once.
    let askingToConfirm = false;
    if (!eligibility.ok) {
      const { reason, message } = eligibility;
      if (eligibility.paused) return { kind: 'followUp', reason, message, guidance: guidanceFor(reason) };
      if (!eligibility.byLocalClock) return this.needsAction(id, reason, message);
      askingToConfirm = true;
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

    // The marker survives a crash, so that start-up knows this renewal must be checked. No
    // request goes out without it on disk: a rotated token answered to a request start-up does
    // not know about could be lost.
    catalog.updateState(id, {
      phase: 'renewing',
      inFlight: {
        startedAt: clock.now(),
        refreshFingerprint: secrets.refreshToken ? fingerprint(secrets.refreshToken) : null,
        ...(this.deps.instance ? { owner: this.deps.instance } : {}),
      },
    });
    try {
      await catalog.commit();
    } catch (error) {
      if (!(error instanceof StorageError)) throw error;
      this.waitingOnStorage.add(id);
      return this.retryLater(id, 'storage_unavailable', error.message);
    }
    this.waitingOnStorage.delete(id);
    this.deps.onChange(id);
    // The marker was refused: another instance holds the connection now, and this one sends nothing.
    if (superseded()) return this.currentOutcome(id);

    const parsed = withoutSecrets(
      await this.send(request, { ...httpRequest, connectionId: id }, (response) =>
        parseRenewalResponse(profile, response),
      ),
      [secrets.clientSecret, secrets.refreshToken, secrets.accessToken],
    );
    // Read as the answer arrives: a timer (and so a shift) cannot run between the two.
    const shiftedBeforeAnswer = this.shiftedSoFar();
    switch (parsed.kind) {
      case 'renewed':
        return this.acceptRenewal(
          id,
          secrets.refreshToken,
          parsed,
          shiftedBeforeAnswer,
          { action: 'renewed' },
          commitAfterSlot,
        );
      case 'retry':
        if (askingToConfirm) {
          return this.needsAction(id, 'refresh_expired_locally', UNCONFIRMED_MESSAGE, parsed.httpStatus, {
            byLocalClock: true,
          });
        }
        return this.retryLater(id, parsed.reason, parsed.message, parsed.httpStatus, parsed.retryAfterMs);
      case 'followUp':
        if (parsed.reason === 'invalid_grant' && (await this.renewedElsewhere(id, secrets.refreshToken))) {
          return this.acceptRenewalElsewhere(id);
        }
        if (askingToConfirm && (parsed.reason === 'invalid_grant' || parsed.reason === 'unauthorized')) {
          return this.needsAction(id, 'refresh_expired_locally', CONFIRMED_MESSAGE, parsed.httpStatus);
        }
        return this.needsAction(
          id,
          // bearer-rotation checks the access token first, so a rotation lost in a crash can come back as a 401.
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
      // The route's own secret (proxy password, client certificate key) is damaged: nothing was sent.
      if (error instanceof SealedValueUnreadableError) {
        return { kind: 'followUp', reason: 'secret_unreadable', message: error.message };
      }
      throw error;
    }
  }

  /**
   * The refresh token (eligibility, the in-flight marker and rotation need it) and the other secrets
   * this connection's request uses: each read opens a sealed value, and one the request does not send
   * is left sealed, so a damaged one does not stop a renewal that would replace it.
   */
  private async readSecrets(id: ConnectionId, connection: Connection): Promise<RenewalSecrets> {
    const { vault } = this.deps;
    const profile = profileFor(connection);
    const used = profile ? secretsNeededFor(profile, connection) : [];
    const read = (kind: 'clientSecret' | 'accessToken') =>
      used.includes(kind) ? vault.get(id, kind) : Promise.resolve(null);
    const [clientSecret, refreshToken, accessToken] = await Promise.all([
      read('clientSecret'),
      vault.get(id, 'refreshToken'),
      read('accessToken'),
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
    answered: RenewedResponse,
    shiftedBeforeAnswer: number,
    recorded: { action: 'renewed' | 'signedIn'; message?: string; userId?: string },
    /** Takes the result's commit to await it after the renewal's slot is free; awaited here without it. */
    commitAfterSlot?: (commit: Promise<void>) => void,
  ): Promise<RenewalOutcome> {
    const { catalog, vault } = this.deps;
    const renewed = { accessToken: answered.accessToken, refreshToken: answered.refreshToken };
    try {
      await storeRenewedSecrets(vault, id, sentRefreshToken, renewed);
    } catch (error) {
      if (!(error instanceof TokenTrayError)) throw error;
      // Keep the new secrets in memory only, and write them before anything else next time.
      this.unsaved.set(id, { sent: sentRefreshToken, renewed });
      return this.retryLater(id, 'keychain_unavailable', error.message);
    }
    // The clock was set back while the keychain wrote: the stored times moved, and so must these.
    const parsed = shiftedRenewal(answered, this.shiftedSoFar() - shiftedBeforeAnswer);

    const connection = catalog.requireConnection(id);
    const previous = catalog.currentToken(id);
    if (previous) {
      // bearer-rotation revokes the old access token at once; elsewhere it stays valid until its own expiry.
      const status = connection.dialect === 'bearer-rotation' ? 'revoked' : 'renewed';
      catalog.putToken({ ...previous, status });
    }
    // Tokens a sign-in got while a renewal ran are stored after that renewal's, and so are the
    // newer ones: the token list orders by issue time, on every instance that reads it.
    const issuedAt = previous && previous.issuedAt > parsed.issuedAt ? previous.issuedAt : parsed.issuedAt;
    const token = {
      id: newId(),
      connectionId: id,
      kind: 'access' as const,
      status: 'active' as const,
      issuedAt,
      expiresAt: parsed.expiresAt,
      ...(parsed.expiryUnreadable !== undefined && { expiryUnreadable: parsed.expiryUnreadable }),
      scope: parsed.scope ?? previous?.scope,
      serverId: parsed.serverId,
      userId: parsed.userId ?? recorded.userId,
      fingerprint: fingerprint(parsed.accessToken),
    };
    catalog.putToken(token);
    catalog.pruneTokens(id);
    const rotated = parsed.refreshToken !== null && parsed.refreshToken !== sentRefreshToken;
    const state = catalog.state(id);
    // A deadline already past by this computer's clock was wrong: the partner has just accepted the token.
    const keptRefreshExpiry =
      state.refreshExpiresAt !== null && state.refreshExpiresAt > parsed.issuedAt
        ? state.refreshExpiresAt
        : null;
    catalog.updateState(id, {
      phase: 'idle',
      attempt: 0,
      nextAttemptAt: null,
      lastRenewedAt: issuedAt,
      lastError: null,
      followUp: null,
      refreshSuggestedAt: parsed.refreshSuggestedAt,
      refreshExpiresAt: parsed.refreshExpiresAt ?? (rotated ? null : keptRefreshExpiry),
      clockSkewMs: parsed.clockSkewMs,
      inFlight: null,
    });
    this.deps.audit.append({
      action: recorded.action,
      outcome: 'ok',
      partnerId: connection.partnerId,
      connectionId: id,
      httpStatus: parsed.httpStatus,
      fingerprint: token.fingerprint,
      message:
        recorded.message ??
        (parsed.expiryUnreadable !== undefined
          ? `Renewed; the expiry the server sent could not be read (${parsed.expiryUnreadable}).`
          : parsed.expiresAt === null
            ? 'Renewed; the server gave no lifetime.'
            : 'Renewed.'),
    });
    // The new secrets and this state are one journal line and one sync: a crash leaves both or neither,
    // and with neither the marker still on disk makes start-up check and renew again.
    const committed = catalog.commit().then(() => this.deps.onChange(id));
    const outcome: RenewalOutcome = {
      kind: 'renewed',
      issuedAt: parsed.issuedAt,
      expiresAt: parsed.expiresAt,
      httpStatus: parsed.httpStatus,
      rotatedRefreshToken: rotated,
    };
    if (!commitAfterSlot) {
      await committed;
      return outcome;
    }
    // Awaited by the caller; this only keeps a failure from counting as unhandled until then.
    committed.catch(() => undefined);
    commitAfterSlot(committed);
    return outcome;
  }

  private shiftedSoFar(): number {
    return this.deps.shifts?.totalMs ?? 0;
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
    const { catalog } = this.deps;
    catalog.updateState(id, {
      phase: 'idle',
      attempt: 0,
      nextAttemptAt: null,
      followUp: null,
      inFlight: null,
    });
    this.deps.onChange(id);
    return this.currentOutcome(id);
  }

  /** Success as the stored token tells it, for a renewal another process did. */
  private currentOutcome(id: ConnectionId): RenewalOutcome {
    const current = this.deps.catalog.currentToken(id);
    return {
      kind: 'renewed',
      issuedAt: current?.issuedAt ?? this.deps.clock.now(),
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
    if (
      reason !== 'keychain_unavailable' &&
      state.refreshExpiresAt !== null &&
      state.refreshExpiresAt <= clock.now()
    ) {
      // The clock moved past the refresh token's end while retrying: only a clock says it is over.
      return this.needsAction(id, 'refresh_expired_locally', UNCONFIRMED_MESSAGE, httpStatus, {
        byLocalClock: true,
      });
    }
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
      // "Before it expired" is by this computer's clock, so a clock change looks again.
      return this.needsAction(
        id,
        retriesExhaustedReason(reason),
        `Gave up retrying before the refresh token expired: ${message}`,
        httpStatus,
        { byLocalClock: true },
      );
    }
    catalog.updateState(id, {
      phase: 'retrying',
      attempt: state.attempt + 1,
      nextAttemptAt,
      lastError: message,
      inFlight: null,
    });
    this.recordFailure(id, { action: 'renewalRetry', outcome: 'retry' }, message, httpStatus);
    return { kind: 'retry', reason, message, httpStatus, retryAfterMs, nextAttemptAt };
  }

  private needsAction(
    id: ConnectionId,
    reason: FollowUpReason,
    message: string,
    httpStatus?: number,
    options: { byLocalClock?: boolean } = {},
  ): RenewalOutcome {
    const { catalog, clock } = this.deps;
    const byLocalClock = options.byLocalClock ? { byLocalClock: true } : {};
    const stopped = needsActionState(reason, message, clock.now(), { httpStatus, ...byLocalClock });
    catalog.updateState(id, { ...stopped, attempt: 0, nextAttemptAt: null, inFlight: null });
    this.recordFailure(id, { action: 'renewalFailed', outcome: 'followUp' }, message, httpStatus);
    this.deps.onNeedsAction?.(id);
    return { kind: 'followUp', reason, message, guidance: stopped.followUp.guidance, httpStatus };
  }

  /** A renewal that did not renew, written to the history; then the window is told of its new state. */
  private recordFailure(
    id: ConnectionId,
    entry: { action: 'renewalRetry'; outcome: 'retry' } | { action: 'renewalFailed'; outcome: 'followUp' },
    message: string,
    httpStatus: number | undefined,
  ): void {
    this.deps.audit.append({
      ...entry,
      partnerId: this.deps.catalog.connection(id)?.partnerId,
      connectionId: id,
      httpStatus,
      message,
    });
    this.deps.onChange(id);
  }
}

const SIGN_IN_NOT_STORED_MESSAGE =
  'Another member of the workspace is renewing this connection, so the sign-in was not stored. Sign in again in a moment.';
const UNCONFIRMED_MESSAGE = `${REFRESH_EXPIRED_LOCALLY_MESSAGE} The partner could not be reached to confirm it.`;
const CONFIRMED_MESSAGE = `${REFRESH_EXPIRED_LOCALLY_MESSAGE} The partner no longer accepts it either.`;

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
