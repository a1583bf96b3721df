import type { DamagedProfile } from '../store/damaged-records';
import type { SecretsLock } from '../vault/profile-lock-state';
import type {
  Connection,
  ConnectionState,
  EpochMs,
  FollowUp,
  Partner,
  TokenRecord,
  TokenStatus,
} from '../domain';
import type { Settings } from '../domain/settings';
import type { ClockOffset } from './clock-offset';
import { aheadOfPartnerMs, connectionClockWarning } from './clock-offset';
import type { StorageState } from '../store/storage-failure';
import type { StopNote } from '../store/stop-note';
import type { ConnectionStatus } from './connection-status';
import { effectiveTokenStatus } from './connection-status';
import type { StatusSummary } from './status-summary';
import { groupedSnapshot } from './status-summary';
import type { LookupSources, ViewContext, ViewSources, WorkspaceInfo } from './view-sources';
import { connectionFacts } from './view-sources';

export type { ViewContext, ViewSources } from './view-sources';

/** Token metadata as the window sees it: never the secret. */
export interface TokenView extends Omit<TokenRecord, 'status'> {
  status: TokenStatus;
}

/** Everything about one connection: what its details panel shows. */
export interface ConnectionView extends Connection {
  status: ConnectionStatus;
  phase: ConnectionState['phase'];
  token: TokenView | null;
  /** Earlier tokens, newest first (New/Renewed pairs for manual tokens). */
  previousTokens: TokenView[];
  nextRenewalAt: EpochMs | null;
  nextAttemptAt: EpochMs | null;
  lastRenewedAt: EpochMs | null;
  lastError: string | null;
  followUp: FollowUp | null;
  refreshExpiresAt: EpochMs | null;
  /** The server gave no lifetime: shown as unknown, never as "never expires". */
  lifetimeUnknown: boolean;
  /** This computer's clock minus the partner's, from its last answer's `Date` header; null before one. */
  aheadOfPartnerMs: number | null;
  /** Set when that is more than a few minutes. */
  clockWarning: string | null;
  /** Set when the partner's last answer held an expiry that is not a time: says which field and its shape. */
  expiryWarning: string | null;
}

export interface PartnerView extends Partner {
  connections: ConnectionView[];
  worstStatus: ConnectionStatus;
}

/** The core's whole state with every connection in full (the tray and notifications read it). */
export interface Snapshot {
  at: EpochMs;
  keychainAvailable: boolean;
  /** Whether changes can be saved; when not, what happened, where, and what to do. */
  storage: StorageState;
  /** Why the previous run stopped on its own, or null. */
  previousStop: StopNote | null;
  /** Why the profile's secrets are locked (nothing renews), or null. */
  secretsLock: SecretsLock | null;
  renewalsPaused: boolean;
  settings: Settings;
  partners: PartnerView[];
  summary: StatusSummary;
  clockOffset: ClockOffset | null;
  /** Records the profile opened without (recovery mode), or null. */
  damaged: DamagedProfile | null;
  /** The shared workspace this instance runs on (its host and database, and the member), or null. */
  workspace: WorkspaceInfo | null;
}

export function tokenView(token: TokenRecord, now: EpochMs): TokenView {
  return { ...token, status: effectiveTokenStatus(token, now) };
}

export function connectionView(
  connection: Connection,
  partner: Partner | undefined,
  sources: ViewSources,
  context: Pick<ViewContext, 'now' | 'renewalsPaused' | 'secretsLock'>,
): ConnectionView {
  const { state, current, previous, nextRenewalAt, status } = connectionFacts(
    connection,
    partner,
    sources,
    context,
  );
  const previousTokens = previous.map((token) => tokenView(token, context.now));
  const ahead = aheadOfPartnerMs(state);
  // Object.assign, not a spread: a spread followed by a dozen more fields costs V8 ten times as much.
  return Object.assign({}, connection, {
    status,
    phase: state.phase,
    token: current ? tokenView(current, context.now) : null,
    previousTokens,
    nextRenewalAt,
    nextAttemptAt: state.nextAttemptAt,
    lastRenewedAt: state.lastRenewedAt,
    lastError: state.lastError,
    followUp: state.followUp,
    refreshExpiresAt: state.refreshExpiresAt,
    lifetimeUnknown: current !== undefined && current.expiresAt === null,
    aheadOfPartnerMs: ahead,
    clockWarning: connectionClockWarning(ahead),
    expiryWarning: expiryWarningOf(current),
  });
}

function expiryWarningOf(token: TokenRecord | undefined): string | null {
  if (token?.expiryUnreadable === undefined) return null;
  return (
    `The partner sent an expiry TokenTray cannot read (${token.expiryUnreadable}), so nobody knows when this token ` +
    'expires. TokenTray renews it on the unknown-lifetime interval; ask the partner what the field should hold.'
  );
}

/** One connection in full, or null if there is no such connection. */
export function connectionDetails(
  id: string,
  sources: LookupSources,
  context: ViewContext,
): ConnectionView | null {
  const connection = sources.connection(id);
  if (!connection) return null;
  return connectionView(connection, sources.partner(connection.partnerId), sources, context);
}

export function buildSnapshot(sources: ViewSources, context: ViewContext): Snapshot {
  return groupedSnapshot(sources, context, (connection, partner) =>
    connectionView(connection, partner, sources, context),
  );
}
