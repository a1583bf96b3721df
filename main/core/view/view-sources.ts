import type { DamagedProfile } from '../store/damaged-records';
import type { SecretsLock } from '../vault/profile-lock-state';
import type { Connection, ConnectionState, EpochMs, Partner, TokenRecord } from '../domain';
import type { Settings } from '../domain/settings';
import type { StorageState } from '../store/storage-failure';
import type { StopNote } from '../store/stop-note';
import type { ConnectionStatus } from './connection-status';
import { connectionStatus } from './connection-status';

/** What every view reads from the core: the catalog, the engine and the planner, read-only. */
export interface ViewSources {
  partners: Partner[];
  connectionsOf(partnerId: string): Connection[];
  state(id: string): ConnectionState;
  tokensOf(id: string): readonly TokenRecord[];
  isRenewing(id: string): boolean;
  /** Its renewal waits for the disk to take its in-flight marker. */
  isWaitingOnStorage(id: string): boolean;
  dueAt(id: string): EpochMs | undefined;
}

/** For one connection's details, found without going through every partner. */
export interface LookupSources extends ViewSources {
  connection(id: string): Connection | undefined;
  partner(id: string): Partner | undefined;
}

export interface ViewContext {
  now: EpochMs;
  renewalsPaused: boolean;
  keychainAvailable: boolean;
  /** Whether changes can be saved: a full or read-only disk, or a profile folder gone. */
  storage: StorageState;
  /** Why the previous run stopped on its own (its profile folder removed, say), or null. */
  previousStop: StopNote | null;
  /** Why the profile's secrets are locked, or null when they are open. */
  secretsLock: SecretsLock | null;
  settings: Settings;
  /** Whether a password for the proxy in the network settings is stored (never the password). */
  proxyPasswordStored?: boolean;
  /** Records the profile opened without, until they are set aside. */
  damaged?: DamagedProfile | null;
  /** The shared workspace this instance runs on, or null on a local profile. */
  workspace?: WorkspaceInfo | null;
}

/** Which shared workspace the window shows, and as whom. */
export interface WorkspaceInfo {
  /** host:port/database, never the password. */
  label: string;
  /** This member's display name, as the history files it. */
  member: string;
}

/** What both the list and the details say about a connection, worked out in one place. */
export const PREVIOUS_TOKENS_SHOWN = 5;

export interface ConnectionFacts {
  state: ConnectionState;
  /** Newest first. */
  tokens: readonly TokenRecord[];
  /** The token in use: the newest one that is not revoked. */
  current: TokenRecord | undefined;
  /** The tokens before it the window shows, newest first. */
  previous: TokenRecord[];
  nextRenewalAt: EpochMs | null;
  status: ConnectionStatus;
}

export function connectionFacts(
  connection: Connection,
  partner: Partner | undefined,
  sources: ViewSources,
  context: Pick<ViewContext, 'now' | 'renewalsPaused' | 'secretsLock'>,
): ConnectionFacts {
  const state = sources.state(connection.id);
  const tokens = sources.tokensOf(connection.id);
  const current = tokens.find((t) => t.status !== 'revoked');
  const nextRenewalAt = connection.dialect === 'manual' ? null : (sources.dueAt(connection.id) ?? null);
  const status = connectionStatus({
    connection,
    partner,
    state,
    token: current,
    renewing: sources.isRenewing(connection.id),
    renewalsPaused: context.renewalsPaused,
    locked: context.secretsLock !== null,
    nextRenewalAt,
    now: context.now,
  });
  const previous: TokenRecord[] = [];
  for (const token of tokens) {
    if (previous.length === PREVIOUS_TOKENS_SHOWN) break;
    if (token !== current) previous.push(token);
  }
  return { state, tokens, current, previous, nextRenewalAt, status };
}
