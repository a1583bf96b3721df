import type { DamagedProfile } from '../store/damaged-records';
import type { SecretsLock } from '../vault/profile-lock-state';
import type { Connection, EpochMs, Partner } from '../domain';
import type { Settings } from '../domain/settings';
import type { ClockOffset } from './clock-offset';
import { aheadOfPartnerMs, clockOffsetOf } from './clock-offset';
import type { StorageState } from '../store/storage-failure';
import type { StopNote } from '../store/stop-note';
import type { ConnectionStatus } from './connection-status';
import { STATUS_SEVERITY } from './connection-status';
import type { ViewContext, ViewSources, WorkspaceInfo } from './view-sources';

export interface StatusSummary {
  worstStatus: ConnectionStatus;
  nextExpiryAt: EpochMs | null;
  counts: Record<ConnectionStatus, number>;
}

export type PartnerGroup<V> = Partner & { connections: V[]; worstStatus: ConnectionStatus };

/** What both snapshots hold: every partner with a view of each connection, the summary, the clock's offset. */
export interface GroupedSnapshot<V> {
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
  /** Whether a password for the proxy in the network settings is stored (never the password). */
  proxyPasswordStored: boolean;
  partners: Array<PartnerGroup<V>>;
  summary: StatusSummary;
  /** This computer's clock against the partners', where renewals measured it. */
  clockOffset: ClockOffset | null;
  /** Records the profile opened without (recovery mode), or null. */
  damaged: DamagedProfile | null;
  /** The shared workspace this instance runs on (its host and database, and the member), or null. */
  workspace: WorkspaceInfo | null;
}

type ConnectionShown = { status: ConnectionStatus; token: { expiresAt: EpochMs | null } | null };

/** A snapshot with `view` of each connection: the full one or the list's brief one. */
export function groupedSnapshot<V extends ConnectionShown>(
  sources: ViewSources,
  context: ViewContext,
  view: (connection: Connection, partner: Partner) => V,
): GroupedSnapshot<V> {
  const { partners, summary, aheadValues } = viewByPartner(sources, context.now, view);
  return {
    at: context.now,
    keychainAvailable: context.keychainAvailable,
    storage: context.storage,
    previousStop: context.previousStop,
    secretsLock: context.secretsLock,
    renewalsPaused: context.renewalsPaused,
    settings: context.settings,
    proxyPasswordStored: context.proxyPasswordStored ?? false,
    partners,
    summary,
    clockOffset: clockOffsetOf(aheadValues),
    damaged: context.damaged ?? null,
    workspace: context.workspace ?? null,
  };
}

/**
 * Every partner with a view of each of its connections, and the summary of them all
 * (counts, the worst status, the next expiry still ahead) and the measured clock offsets, in one pass.
 */
function viewByPartner<V extends ConnectionShown>(
  sources: ViewSources,
  now: EpochMs,
  view: (connection: Connection, partner: Partner) => V,
): { partners: Array<PartnerGroup<V>>; summary: StatusSummary; aheadValues: number[] } {
  const aheadValues: number[] = [];
  const summary: StatusSummary = {
    worstStatus: 'healthy',
    nextExpiryAt: null,
    counts: { healthy: 0, expiringSoon: 0, renewing: 0, retrying: 0, needsAction: 0, paused: 0 },
  };
  const partners = sources.partners.map((partner): PartnerGroup<V> => {
    let worstStatus: ConnectionStatus = 'healthy';
    const connections = sources.connectionsOf(partner.id).map((connection) => {
      const shown = view(connection, partner);
      const ahead = aheadOfPartnerMs(sources.state(connection.id));
      if (ahead !== null) aheadValues.push(ahead);
      summary.counts[shown.status] += 1;
      worstStatus = worseOf(worstStatus, shown.status);
      const expiresAt = shown.token?.expiresAt ?? null;
      if (expiresAt !== null && expiresAt > now && (summary.nextExpiryAt ?? Infinity) > expiresAt) {
        summary.nextExpiryAt = expiresAt;
      }
      return shown;
    });
    summary.worstStatus = worseOf(summary.worstStatus, worstStatus);
    return { ...partner, connections, worstStatus };
  });
  return { partners, summary, aheadValues };
}

function worseOf(a: ConnectionStatus, b: ConnectionStatus): ConnectionStatus {
  return STATUS_SEVERITY[b] > STATUS_SEVERITY[a] ? b : a;
}
