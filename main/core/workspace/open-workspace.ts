import pg from 'pg';
import { DEFAULT_AUDIT_LIMIT } from '../audit/audit-log';
import { Catalog } from '../catalog/catalog';
import type { StorageState } from '../catalog/storage-health';
import type { ConnectionId, EpochMs } from '../domain';
import { newId } from '../domain/ids';
import { StorageError } from '../store/storage-failure';
import { CHANGES_RETENTION_MS, trimChanges } from './trim-changes';
import type { KeychainItems } from '../vault/secret-vault';
import { ChangeFollower } from './change-follower';
import type { JoinCode, WorkspaceKey } from './join-code';
import { createJoinCode } from './join-code';
import { loadWorkspace } from './load-workspace';
import { migrateWorkspace } from './schema-migrations';
import { asOpenFailure, workspaceLabel } from './workspace-errors';
import type { WorkspaceLeaseOptions } from './workspace-lease';
import { WorkspaceLease } from './workspace-lease';
import { WorkspaceSession } from './workspace-session';
import { givenPassword, rememberedPassword, rememberPassword } from './workspace-password';
import type { WorkspaceMember } from './workspace-member';
import { enterMember, readMembers } from './workspace-member';
import { KnownMembers } from './known-members';
import { WorkspaceWriter } from './workspace-writer';

export interface WorkspaceOptions {
  /** postgres://user@host:port/database; the password in it, in `password`, or in PGPASSWORD. */
  url: string;
  password?: string;
  /** The member's display name, filed with each line of history this instance writes. */
  member: string;
  lease?: WorkspaceLeaseOptions;
  /** How often renewals left by dead instances are looked for; 2 s unless given. */
  sweepMs?: number;
  /** How long committed changes are kept for instances that were away; a day unless given. */
  changesRetentionMs?: number;
  /** Statements the database has not answered by then are the workspace not answering; 10 s unless given. */
  statementTimeoutMs?: number;
  /** First wait before a refused write is tried again (doubling up to 30 s); 1 s unless given. */
  retryMs?: number;
  now?: () => EpochMs;
  /**
   * The member's keychain: a join code's workspace key is stored there, and the database
   * password once the database accepted it (a later start without one reads it from there).
   */
  keychain?: KeychainItems;
  /** A one-time join code from a member: redeemed into `keychain` before anything is read. */
  joinCode?: string;
}

/** What the core hears from the workspace. */
export interface WorkspaceEvents {
  /** Other instances changed these connections (or the settings). */
  changed(connectionIds: ConnectionId[], settingsChanged: boolean): void;
  storage(state: StorageState): void;
  /** Time to look again at what stands by, and at renewals cut off by a dead instance (given). */
  sweep(orphaned: ConnectionId[]): void;
}

/**
 * A shared workspace on PostgreSQL, opened: the schema migrated, everything read into a
 * catalog whose changes are written to the database, a session that holds this instance's
 * presence and renewal locks and follows other instances' changes.
 */
/** How often an instance trims the changes past their retention (each instance does; any may). */
const TRIM_EVERY_MS = 3_600_000;

export class Workspace {
  private sweepTimer: NodeJS.Timeout | undefined;
  private trimTimer: NodeJS.Timeout | undefined;

  private constructor(
    readonly catalog: Catalog,
    readonly lease: WorkspaceLease,
    /** This process's id among the workspace's running instances. */
    readonly instance: string,
    /** Who runs this instance: their id stays, their display name is this start's. */
    readonly identity: WorkspaceMember,
    /** host:port/database */
    readonly label: string,
    private readonly pool: pg.Pool,
    private readonly session: WorkspaceSession,
    private readonly follower: ChangeFollower,
    private readonly sweepMs: number,
    /** Filled in by `attach`: the parts made before the core hear it through this. */
    private readonly listener: { events: WorkspaceEvents | null },
    private readonly now: () => EpochMs,
    /** This start redeemed a join code: the member is new to the workspace. */
    readonly joinedWithCode: boolean,
    private readonly changesRetentionMs: number,
    private readonly knownMembers: KnownMembers,
  ) {}

  static async open(options: WorkspaceOptions): Promise<Workspace> {
    const label = workspaceLabel(options.url);
    const instance = newId();
    const now = options.now ?? Date.now;
    const given = givenPassword(options.url, options.password);
    const password =
      given ??
      (options.keychain
        ? await rememberedPassword(options.keychain, options.url).catch(() => undefined)
        : undefined);
    const statementTimeoutMs = options.statementTimeoutMs ?? 10_000;
    const config: pg.ClientConfig = {
      connectionString: withPassword(options.url, password),
      statement_timeout: statementTimeoutMs,
      // A server that does not answer at all (stopped, or the network gone silently) cannot time
      // its own statements out: the client gives up a little after the server would have.
      query_timeout: statementTimeoutMs + 2_000,
      connectionTimeoutMillis: 5_000,
      application_name: 'TokenTray',
    };
    const pool = new pg.Pool({ ...config, max: 4 });
    // An idle client whose server went away reports here; the next query reports it properly.
    pool.on('error', () => undefined);
    const listener: { events: WorkspaceEvents | null } = { events: null };
    try {
      const client = await pool.connect();
      let loaded;
      let member: WorkspaceMember;
      try {
        await migrateWorkspace(client);
        member = await enterMember(client, {
          url: options.url,
          displayName: options.member,
          keychain: options.keychain,
          joinCode: options.joinCode,
          now: now(),
        });
        loaded = await loadWorkspace(client, DEFAULT_AUDIT_LIMIT, instance);
      } finally {
        client.release();
      }
      const writer = new WorkspaceWriter(pool, {
        instance,
        member: member.displayName,
        label,
        storage: {
          now: options.now,
          retryDelayMs: options.retryMs,
          onChange: (state) => listener.events?.storage(state),
        },
        // Called only once renewals run, after the follower below is made.
        onRefused: (connectionId): Promise<void> => follower.readConnectionAgain(connectionId),
      });
      const catalog = new Catalog(loaded.data, writer);
      const knownMembers = new KnownMembers(loaded.members);
      const follower = new ChangeFollower(
        pool,
        catalog,
        instance,
        loaded.seq,
        (ids, settings) => listener.events?.changed(ids, settings),
        knownMembers,
      );
      const session = new WorkspaceSession({
        config,
        instance,
        label,
        onChanges: () => follower.notified(),
        onConnection: (connectedAt) => {
          if (connectedAt === null)
            writer.unreachable(new StorageError('workspaceUnreachable', label, 'connection lost'));
          else void writer.commit().catch(() => undefined);
        },
        onEpoch: (connectionId, epoch) => writer.raiseFence(connectionId, epoch),
      });
      await session.open();
      if (given !== undefined && options.keychain) {
        // A keychain that does not answer now is reported by the core's own start; the next start keeps it.
        await rememberPassword(options.keychain, options.url, given).catch(() => undefined);
      }
      const lease = new WorkspaceLease(session, follower, writer, catalog, instance, options.lease);
      const workspace = new Workspace(
        catalog,
        lease,
        instance,
        member,
        label,
        pool,
        session,
        follower,
        options.sweepMs ?? 2_000,
        listener,
        now,
        options.joinCode !== undefined,
        options.changesRetentionMs ?? CHANGES_RETENTION_MS,
        knownMembers,
      );
      return workspace;
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw asOpenFailure(error, label);
    }
  }

  /** The member's display name, filed with each line of history this instance writes. */
  get member(): string {
    return this.identity.displayName;
  }

  /** A one-time join code for someone joining: the workspace's data key wrapped for it (join-code.ts). */
  createJoinCode(key: WorkspaceKey, lifetimeMs?: number): Promise<JoinCode> {
    return createJoinCode(this.pool, key, { memberId: this.identity.id, now: this.now(), lifetimeMs });
  }

  /**
   * How the window names each member id in the history (workspace-member.ts), from the members
   * this instance knows (known-members.ts). Asks the database only for an id it has not heard of;
   * while the workspace does not answer, the names heard so far.
   */
  async memberLabels(ids: Iterable<string>): Promise<Map<string, string>> {
    const wanted = [...ids];
    if (this.knownMembers.lacksAny(wanted)) {
      try {
        this.knownMembers.replace(await readMembers(this.pool));
        this.knownMembers.missing(wanted);
      } catch {
        // The workspace is away: the storage state says so, and the names heard so far serve.
      }
    }
    return this.knownMembers.labels();
  }

  /** The core listens; changes before this are in the catalog already. */
  attach(events: WorkspaceEvents): void {
    this.listener.events = events;
    clearInterval(this.sweepTimer);
    this.sweepTimer = setInterval(() => void this.sweep(), this.sweepMs);
    this.sweepTimer.unref();
    clearInterval(this.trimTimer);
    // A workspace that does not answer now is trimmed at the next turn.
    this.trimTimer = setInterval(() => void this.trimChanges().catch(() => undefined), TRIM_EVERY_MS);
    this.trimTimer.unref();
  }

  /** Deletes the changes past their retention (trim-changes.ts); resolves with how many. */
  trimChanges(): Promise<number> {
    return trimChanges(this.pool, this.changesRetentionMs);
  }

  /** Every change committed so far, applied here (tests, and before a snapshot must be current). */
  catchUp(): Promise<void> {
    return this.follower.catchUp();
  }

  async close(): Promise<void> {
    clearInterval(this.sweepTimer);
    clearInterval(this.trimTimer);
    this.listener.events = null;
    this.follower.close();
    await this.session.close();
    await this.pool.end().catch(() => undefined);
  }

  private async sweep(): Promise<void> {
    const orphaned: ConnectionId[] = [];
    // Asked once per instance: one instance marks many connections while many renewals are due.
    const orphanedBy = new Map<string, boolean>();
    try {
      for (const connection of this.catalog.connections()) {
        const owner = this.catalog.state(connection.id).inFlight?.owner;
        if (owner === undefined || owner === this.instance) continue;
        if (!orphanedBy.has(owner)) orphanedBy.set(owner, await this.lease.isOrphaned(owner));
        if (orphanedBy.get(owner)) orphaned.push(connection.id);
      }
    } catch {
      // The workspace is away: the storage state says so, and the next sweep looks again.
    }
    this.listener.events?.sweep(orphaned);
  }
}

/**
 * The URL with the password in it: node-postgres lets every field of a connection string
 * override the config's own, a missing password included.
 */
export function withPassword(url: string, password: string | undefined): string {
  if (password === undefined) return url;
  try {
    const parsed = new URL(url);
    parsed.password = encodeURIComponent(password);
    return parsed.toString();
  } catch {
    return url;
  }
}
