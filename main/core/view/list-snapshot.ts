import type { DamagedProfile } from '../store/damaged-records';
import type { SecretsLock } from '../vault/profile-lock-state';
import type { Connection, Dialect, EpochMs, Partner, TokenRecord, TokenStatus } from '../domain';
import type { Settings } from '../domain/settings';
import type { ClockOffset } from './clock-offset';
import type { StorageState } from '../store/storage-failure';
import type { StopNote } from '../store/stop-note';
import type { ConnectionStatus } from './connection-status';
import { effectiveTokenStatus } from './connection-status';
import type { PartnerGroup, StatusSummary } from './status-summary';
import { groupedSnapshot } from './status-summary';
import type { ViewContext, ViewSources, WorkspaceInfo } from './view-sources';
import { connectionFacts } from './view-sources';

/** A token as a list row shows it. */
export interface TokenBrief {
  fingerprint: string;
  status: TokenStatus;
  expiresAt: EpochMs | null;
}

/**
 * One connection as the list shows it: a row, its search and its partner's counts.
 * Everything else (token history, settings, errors) comes with `getConnection` when it is opened.
 */
export interface ConnectionBrief {
  id: string;
  label: string;
  dialect: Dialect;
  status: ConnectionStatus;
  token: TokenBrief | null;
  /** A manual connection's earlier token that still works until its expiry, shown beside the new one. */
  stillValidToken: TokenBrief | null;
  /** The earlier tokens the details list, so a search by an old fingerprint finds the connection. */
  previousFingerprints: string[];
  /** The token's scope, or the scope the connection asks for. */
  scope: string | null;
  nextRenewalAt: EpochMs | null;
  nextAttemptAt: EpochMs | null;
  /** Retrying because the disk did not take its in-flight marker: it waits on storage, not on the partner. */
  waitingOnStorage: boolean;
  /** Whether revoking asks the partner too. */
  hasRevocationUrl: boolean;
}

export type PartnerBrief = PartnerGroup<ConnectionBrief>;

/** What the window's list needs of every connection, and no more: it stays small at ten thousand. */
export interface ListSnapshot {
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
  partners: PartnerBrief[];
  summary: StatusSummary;
  clockOffset: ClockOffset | null;
  /** Records the profile opened without (recovery mode), or null. */
  damaged: DamagedProfile | null;
  /** The shared workspace this instance runs on (its host and database, and the member), or null. */
  workspace: WorkspaceInfo | null;
}

export function connectionBrief(
  connection: Connection,
  partner: Partner | undefined,
  sources: ViewSources,
  context: Pick<ViewContext, 'now' | 'renewalsPaused' | 'secretsLock'>,
): ConnectionBrief {
  const { state, current, previous, nextRenewalAt, status } = connectionFacts(
    connection,
    partner,
    sources,
    context,
  );
  let stillValidToken: TokenBrief | null = null;
  if (connection.dialect === 'manual') {
    for (const token of previous) {
      const earlier = tokenBrief(token, context.now);
      if (earlier.status === 'renewed') {
        stillValidToken = earlier;
        break;
      }
    }
  }
  return {
    id: connection.id,
    label: connection.label,
    dialect: connection.dialect,
    status,
    token: current ? tokenBrief(current, context.now) : null,
    stillValidToken,
    previousFingerprints: previous.map((token) => token.fingerprint),
    scope: current?.scope ?? connection.settings.scope ?? null,
    nextRenewalAt,
    nextAttemptAt: state.nextAttemptAt,
    waitingOnStorage: sources.isWaitingOnStorage(connection.id),
    hasRevocationUrl: Boolean(connection.revocationUrl),
  };
}

function tokenBrief(token: TokenRecord, now: EpochMs): TokenBrief {
  return {
    fingerprint: token.fingerprint,
    status: effectiveTokenStatus(token, now),
    expiresAt: token.expiresAt,
  };
}

export function buildListSnapshot(sources: ViewSources, context: ViewContext): ListSnapshot {
  return groupedSnapshot(sources, context, (connection, partner) =>
    connectionBrief(connection, partner, sources, context),
  );
}
