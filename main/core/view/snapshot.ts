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
import type { ConnectionStatus } from './connection-status';
import { connectionStatus, effectiveTokenStatus, STATUS_SEVERITY } from './connection-status';

/** Token metadata as the window sees it: never the secret. */
export interface TokenView extends Omit<TokenRecord, 'status'> {
  status: TokenStatus;
}

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
}

export interface PartnerView extends Partner {
  connections: ConnectionView[];
  worstStatus: ConnectionStatus;
}

export interface Snapshot {
  at: EpochMs;
  keychainAvailable: boolean;
  renewalsPaused: boolean;
  settings: Settings;
  partners: PartnerView[];
  summary: {
    worstStatus: ConnectionStatus;
    nextExpiryAt: EpochMs | null;
    counts: Record<ConnectionStatus, number>;
  };
}

export interface ViewSources {
  partners: Partner[];
  connectionsOf(partnerId: string): Connection[];
  state(id: string): ConnectionState;
  tokensOf(id: string): readonly TokenRecord[];
  isRenewing(id: string): boolean;
  dueAt(id: string): EpochMs | undefined;
}

const PREVIOUS_TOKENS_SHOWN = 5;

export function connectionView(
  connection: Connection,
  partner: Partner | undefined,
  sources: ViewSources,
  context: { now: EpochMs; renewalsPaused: boolean },
): ConnectionView {
  const { now } = context;
  const state = sources.state(connection.id);
  const tokens = sources.tokensOf(connection.id);
  const current = tokens.find((t) => t.status !== 'revoked');
  const nextRenewalAt = connection.dialect === 'manual' ? null : (sources.dueAt(connection.id) ?? null);
  const toView = (t: TokenRecord): TokenView => ({ ...t, status: effectiveTokenStatus(t, now) });
  return {
    ...connection,
    status: connectionStatus({
      connection,
      partner,
      state,
      token: current,
      renewing: sources.isRenewing(connection.id),
      renewalsPaused: context.renewalsPaused,
      nextRenewalAt,
      now,
    }),
    phase: state.phase,
    token: current ? toView(current) : null,
    previousTokens: tokens
      .filter((t) => t !== current)
      .slice(0, PREVIOUS_TOKENS_SHOWN)
      .map(toView),
    nextRenewalAt,
    nextAttemptAt: state.nextAttemptAt,
    lastRenewedAt: state.lastRenewedAt,
    lastError: state.lastError,
    followUp: state.followUp,
    refreshExpiresAt: state.refreshExpiresAt,
    lifetimeUnknown: current !== undefined && current.expiresAt === null,
  };
}

export function buildSnapshot(
  sources: ViewSources,
  context: { now: EpochMs; renewalsPaused: boolean; keychainAvailable: boolean; settings: Settings },
): Snapshot {
  const counts: Record<ConnectionStatus, number> = {
    healthy: 0,
    expiringSoon: 0,
    renewing: 0,
    retrying: 0,
    needsAction: 0,
    paused: 0,
  };
  let worstStatus: ConnectionStatus = 'healthy';
  let nextExpiryAt: EpochMs | null = null;
  const partners = sources.partners.map((partner): PartnerView => {
    const connections = sources
      .connectionsOf(partner.id)
      .map((c) => connectionView(c, partner, sources, context));
    let partnerWorst: ConnectionStatus = 'healthy';
    for (const view of connections) {
      counts[view.status] += 1;
      if (STATUS_SEVERITY[view.status] > STATUS_SEVERITY[partnerWorst]) partnerWorst = view.status;
      const expiresAt = view.token?.expiresAt ?? null;
      if (
        expiresAt !== null &&
        expiresAt > context.now &&
        (nextExpiryAt === null || expiresAt < nextExpiryAt)
      ) {
        nextExpiryAt = expiresAt;
      }
    }
    if (STATUS_SEVERITY[partnerWorst] > STATUS_SEVERITY[worstStatus]) worstStatus = partnerWorst;
    return { ...partner, connections, worstStatus: partnerWorst };
  });
  return {
    at: context.now,
    keychainAvailable: context.keychainAvailable,
    renewalsPaused: context.renewalsPaused,
    settings: context.settings,
    partners,
    summary: { worstStatus, nextExpiryAt, counts },
  };
}
