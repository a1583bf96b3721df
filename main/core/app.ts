import type { AuditFilter } from './audit/audit-log';
import { KEY_LOST_REASONS } from './domain/lock-reasons';
import { AuditLog } from './audit/audit-log';
import { openCatalog } from './catalog/open-catalog';
import type { AuditEntry, ConnectionId, EpochMs, RenewalOutcome } from './domain';
import { KEYCHAIN_UNAVAILABLE_STEPS, KeychainUnavailableError, TokenTrayError } from './domain';
import { isDeepStrictEqual } from 'node:util';
import type { ComputerSettings, Settings } from './domain/settings';
import { ValidationError } from './domain';
import { pemProblems } from './http/pem';
import {
  computerSettingsOf,
  DEFAULT_SETTINGS,
  SettingsSchema,
  withReminderDaysMirrored,
} from './domain/settings';
import type { ComputerSettingsStore } from './store/computer-settings-store';
import { computerSettingsInMemory, openComputerSettings } from './store/computer-settings-store';
import type { Clock, TimerHandle } from './domain/clock';
import { systemClock } from './domain/clock';
import { LearnedTimeShifts } from './engine/clock-shift';
import { RenewalLimiter } from './engine/limiter';
import type { ReminderDue } from './engine/renewal-planner';
import { RenewalPlanner } from './engine/renewal-planner';
import { RenewalEngine } from './engine/renewal-engine';
import { recoverInterruptedRenewals } from './engine/recovery';
import { AxiosHttpClient } from './http/axios-http-client';
import { PartnerNetworkClient } from './http/partner-network-client';
import { checkConnection } from './services/connection-check';
import type { ConnectionCheck } from './services/connection-check';
import type { HttpClient } from './http/http-client';
import type { MetadataStore } from './store/metadata-store';
import type { StoreData } from './store/schema';
import type { StorageState } from './store/storage-failure';
import type { StopNote } from './store/stop-note';
import { takeStopNote, writeStopNote } from './store/stop-note';
import { dirname } from 'node:path';
import { PROFILE_SECRETS } from './vault/secret-vault';
import { DataKeyRing } from './vault/data-key';
import type { SecretsLock } from './vault/profile-lock-state';
import { SealedVault, SecretsLockedError } from './vault/sealed-vault';
import type { Keychain } from './vault/secret-vault';
import type { OldItemPlace } from './vault/migrate-keychain-items';
import { removeKeychainItems, sealKeychainItems } from './vault/migrate-keychain-items';
import { retireOldKey, rotateDataKey } from './vault/rotate-data-key';
import { secretsLock } from './vault/profile-lock-state';
import { unlockProfile } from './vault/unlock-profile';
import { watchKeychain } from './vault/watched-vault';
import { runKeyOperation } from './vault/key-operation';
import type { Snapshot } from './view/snapshot';
import { buildSnapshot } from './view/snapshot';
import type { LookupSources, ViewContext } from './view/view-sources';
import { ConnectionAdmin } from './services/connection-admin';
import { PartnerTokens } from './services/partner-tokens';
import { ImportExport } from './services/import-export';
import type { CoreContext } from './services/core-context';
import { OAuthSignIn, type SignInOptions } from './oauth/sign-in';
import { discoverIssuer, type DiscoveredIssuer } from './oauth/discovery';
import { startOver } from './services/start-over';
import { checkSealedSecrets } from './services/sealed-check';
import type { SealedCheck } from './services/sealed-check';
import { DamagedRecords } from './store/damaged-records';
import type { Catalog } from './catalog/catalog';
import type { JoinCode } from './workspace/join-code';
import type { Workspace } from './workspace/open-workspace';
import type { MoveWorkspace } from './workspace/move-target';
import type { MovedIn } from './workspace/move-into-workspace';
import type { MovedOut } from './workspace/move-out-of-workspace';
import { moveNotWritten, moveProfileIn, moveWorkspaceOut } from './services/profile-move';

export type CoreEvent =
  | { type: 'changed'; connectionIds: ConnectionId[] }
  /** The profile stopped or started taking writes again: the tray and a notification say it once. */
  | { type: 'storage'; state: StorageState }
  /** The host is about to stop on its own (its profile folder removed, say): the window says why first. */
  | { type: 'stopping'; note: StopNote }
  | { type: 'reminder'; reminder: ReminderDue }
  | { type: 'needsAction'; connectionId: ConnectionId };

export interface TokenTrayDeps {
  /** The local profile's metadata; not given for a workspace. */
  store?: MetadataStore<StoreData>;
  /**
   * A shared workspace on PostgreSQL (workspace/open-workspace.ts), opened: its catalog replaces
   * the profile's, and renewals take its leases. The engine, services and window do not know.
   */
  workspace?: Workspace;
  /** How this instance reached its workspace (the URL without a password): a move out goes there. */
  workspaceUrl?: string;
  /**
   * Where a workspace instance keeps its few local files (why it stopped, this computer's own
   * settings); the store's folder otherwise.
   */
  localFolder?: string;
  /** Where the store's journal lives; beside the store's file unless given. */
  journalPath?: string;
  /** First wait before a refused write is tried again (doubling up to 30 s); 1 s unless given. */
  storageRetryMs?: number;
  /**
   * The OS keychain: it holds the profile's data key, read once at start-up (and, from
   * profiles made before sealing, one item per secret, moved into the profile then).
   */
  keychain: Keychain;
  http?: HttpClient;
  clock?: Clock;
  random?: () => number;
  signIn?: SignInOptions;
}

/**
 * How often a running profile asks the keychain whether it still answers. Renewals never reach
 * it, so without asking, a keychain that went away would show only at a key operation or at the
 * next start, which would then be locked.
 */
const KEYCHAIN_CHECK_MS = 5 * 60_000;

/** The core composed: the one object both hosts (Electron and the browser host) drive. */
export class TokenTrayCore {
  readonly admin: ConnectionAdmin;
  /** A token's life outside renewal: verify it, revoke the partner's tokens, paste a manual one, copy or share it. */
  readonly tokens: PartnerTokens;
  /** Partners and connections to and from a file, without secrets. */
  readonly importExport: ImportExport;
  /** Getting an oauth2 connection's first tokens by signing in (authorization code with PKCE). */
  readonly signIn: OAuthSignIn;
  private readonly context: CoreContext;
  /** The keychain, reached at start-up and for key operations only: never per renewal. */
  private readonly keychain: Keychain;
  /** The profile's data key, in this process's memory only. */
  private readonly keys = new DataKeyRing();
  /** Set when start-up found no key that opens the profile: nothing renews or is written. */
  private lock: SecretsLock | null = null;
  /** Old keychain items being deleted after a migration, while the profile renews; awaited by idle and stop. */
  private keychainCleanup: Promise<void> = Promise.resolve();
  /** The old keychain items this start read and sealed, for their deletion: not listed twice. */
  private oldItemsRead: OldItemPlace[] | null = null;
  private keychainCheck: TimerHandle | null = null;
  /** The background check of every sealed value, begun after the first answer of a run; awaited by idle and stop. */
  private sealedCheck: SealedCheck | null = null;
  /** Kept so that saved concurrency settings apply at once, not after a restart. */
  private readonly limiter: RenewalLimiter;
  private readonly listeners = new Set<(event: CoreEvent) => void>();
  private keychainAvailable = true;
  /** Set once this local profile starts moving into a workspace: from then on it renews nothing. */
  private moving = false;
  /** While this workspace instance moves the connections out into a local profile. */
  private movingOut = false;
  private started = false;
  /** Why the previous run stopped on its own, shown during this one. */
  private readonly previousStop: StopNote | null;
  /** The profile folder, or a workspace instance's local folder: where a stop note goes. */
  private readonly folder: string | null;
  /** Records the profile opened without: the window offers to set them aside (recovery mode). */
  private readonly damaged: DamagedRecords;
  /** Partner traffic with the network settings applied: the connection test walks its routes. */
  private readonly network: PartnerNetworkClient;
  /**
   * In a workspace, this computer's own settings (`COMPUTER_SETTINGS`), read once at start and
   * kept here; null for a local profile, whose catalog holds every setting.
   */
  private readonly computer: { store: ComputerSettingsStore; values: ComputerSettings } | null;

  constructor(private readonly deps: TokenTrayDeps) {
    const clock = deps.clock ?? systemClock;
    this.folder = deps.store ? dirname(deps.store.path) : (deps.localFolder ?? null);
    this.previousStop = this.folder ? takeStopNote(this.folder) : null;
    const { catalog, damaged } = this.openData(clock);
    this.damaged = damaged;
    this.computer = deps.workspace ? openComputerPart(deps.localFolder) : null;
    const settings = (): Settings => catalog.settings();
    const audit = new AuditLog({
      entries: catalog.auditEntries(),
      appended: (entry) => catalog.appendedAudit(entry),
      now: () => clock.now(),
      member: deps.workspace?.identity,
    });
    // Every keychain call reports whether the keychain answered, so the window shows it going away.
    this.keychain = watchKeychain(deps.keychain, (available) => this.keychainChanged(available));
    // The core's secrets, sealed in the catalog: renewals never wait on the keychain.
    const vault = new SealedVault(catalog, this.keys);
    // Every partner request gets its proxy, CAs, client certificate and deadline from the settings of the moment.
    const http = new PartnerNetworkClient(deps.http ?? new AxiosHttpClient({ now: () => clock.now() }), {
      network: () => settings().network,
      partnerNetwork: ({ connectionId, partnerId }) => {
        const owner = connectionId === undefined ? partnerId : catalog.connection(connectionId)?.partnerId;
        return owner === undefined ? undefined : catalog.partner(owner)?.network;
      },
      clientCertificate: async (connectionId) => {
        const cert = catalog.connection(connectionId)?.settings.clientCertificatePem;
        const key = cert ? await vault.get(connectionId, 'clientKey') : null;
        return cert && key ? { cert, key } : undefined;
      },
      proxyPassword: () => vault.get(PROFILE_SECRETS, 'proxyPassword'),
    });
    this.network = http;
    this.limiter = new RenewalLimiter(settings().concurrency);
    const shifts = new LearnedTimeShifts();
    const engine = new RenewalEngine({
      catalog,
      vault,
      http,
      clock,
      audit,
      limiter: this.limiter,
      shifts,
      random: deps.random,
      onChange: (id) => this.emit({ type: 'changed', connectionIds: [id] }),
      onNeedsAction: (id) => this.emit({ type: 'needsAction', connectionId: id }),
      // The planner is made next, from this engine: by the time a renewal settles it is there.
      onSettled: (id) => this.context.planner.plan(id),
      lease: deps.workspace?.lease,
      instance: deps.workspace?.instance,
    });
    const planner = new RenewalPlanner({
      catalog,
      clock,
      engine,
      isPaused: () => settings().renewalsPaused || this.moving,
      onReminder: (reminder) => this.emit({ type: 'reminder', reminder }),
      // Every countdown in the window moved with the clock: the whole view is new.
      onClockJump: () => this.emit({ type: 'changed', connectionIds: [] }),
      shifts,
      random: deps.random,
    });
    this.context = {
      catalog,
      vault,
      http,
      clock,
      audit,
      engine,
      planner,
      changed: (ids) => this.emit({ type: 'changed', connectionIds: ids }),
    };
    this.admin = new ConnectionAdmin(this.context);
    this.tokens = new PartnerTokens(this.context);
    this.importExport = new ImportExport(this.context);
    this.signIn = new OAuthSignIn(this.context, deps.signIn, () => this.signInRefusal());
    deps.workspace?.attach({
      changed: (ids, settingsChanged) => this.changedElsewhere(ids, settingsChanged),
      storage: (state) => this.storageChanged(state),
      sweep: (orphaned) => this.sweepStandingBy(orphaned),
    });
  }

  /** The local profile's files, read and validated once; or the workspace's catalog, read at its opening. */
  private openData(clock: Clock): { catalog: Catalog; damaged: DamagedRecords } {
    const { store, workspace } = this.deps;
    if (workspace) return { catalog: workspace.catalog, damaged: new DamagedRecords() };
    if (!store) throw new Error('TokenTrayCore needs a profile store or a workspace');
    return openCatalog(store, {
      journalPath: this.deps.journalPath,
      storage: {
        now: () => clock.now(),
        retryDelayMs: this.deps.storageRetryMs,
        onChange: (state) => this.storageChanged(state),
      },
    });
  }

  /** Another member's instance changed these connections: plan them afresh and show it. */
  private changedElsewhere(ids: ConnectionId[], settingsChanged: boolean): void {
    this.context.engine.resume(ids);
    if (settingsChanged) {
      this.limiter.setLimits(this.getSettings().concurrency);
      this.context.planner.planAll();
    }
    this.emit({ type: 'changed', connectionIds: ids });
  }

  /**
   * Connections left to another instance, or waiting for the workspace, are planned again
   * (each takes its lease again or stands by again), and renewals cut off by an instance that
   * died are recovered here, as a restarted profile recovers its own.
   */
  private sweepStandingBy(orphaned: ConnectionId[]): void {
    if (!this.started || this.lock) return;
    const { engine, planner } = this.context;
    for (const id of engine.resume()) planner.plan(id);
    for (const id of orphaned) if (!engine.isRenewing(id)) planner.recover(id);
  }

  /**
   * Reads the profile's data key from the keychain (the one keychain read a run needs),
   * finishes renewals a crash cut off, and starts the timer. A profile whose key is not
   * there stays locked: nothing renews until the keychain is back or the person starts over.
   */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.keychainAvailable = await this.keychain.probe();
    this.lock = await unlockProfile(this.context.catalog, this.keychain, this.keys);
    if (!this.lock) await retireOldKey(this.context.catalog, this.keychain);
    if (!this.lock) this.lock = await this.moveKeychainItems();
    if (this.lock) {
      this.emit({ type: 'changed', connectionIds: [] });
      return;
    }
    if (this.deps.workspace?.joinedWithCode) {
      this.context.audit.append({
        action: 'memberJoined',
        outcome: 'info',
        message: 'Joined with a join code.',
      });
    }
    // In a workspace, another instance may be renewing what is marked: the workspace's sweep recovers only the dead's.
    if (!this.deps.workspace) await recoverInterruptedRenewals(this.context);
    this.context.planner.start();
    this.keychainCleanup = this.emptyOldKeychainItems();
    this.checkKeychainLater();
  }

  async stop(): Promise<void> {
    this.started = false;
    this.context.planner.stop();
    if (this.keychainCheck) this.context.clock.clearTimeout(this.keychainCheck);
    this.keychainCheck = null;
    this.sealedCheck?.stop();
    await this.sealedCheck?.done;
    this.sealedCheck = null;
    await this.signIn.closeAll();
    await this.context.engine.idle();
    await this.keychainCleanup;
    await this.context.catalog.close();
    await this.deps.workspace?.close();
    this.keys.clear();
  }

  /**
   * Opens every sealed value in the background (services/sealed-check.ts), once a run: called
   * when the window's first question is answered, so start-up's first answer never waits for it.
   */
  checkSealedSecretsOnce(): void {
    if (!this.started || this.lock || this.sealedCheck) return;
    const check = checkSealedSecrets(this.context);
    this.sealedCheck = {
      ...check,
      done: check.done.catch((error: unknown) => {
        console.error(
          'TokenTray: checking the sealed secrets failed',
          error instanceof Error ? error.name : 'unknown error',
        );
      }),
    };
  }

  /** Why the profile's secrets are locked, or null when they are open. */
  secretsLock(): SecretsLock | null {
    return this.lock;
  }

  /** Re-seals every secret under a new data key (settings); resolves with the new key's version. */
  async rotateDataKey(): Promise<{ keyVersion: number }> {
    if (this.lock) throw new SecretsLockedError();
    if (this.deps.workspace) {
      throw new TokenTrayError(
        'workspace_key_shared',
        "The workspace's data key cannot be rotated from one member's TokenTray: every other member's keychain holds it.",
        ['Nothing was changed. The workspace keeps its key; members join with a join code.'],
      );
    }
    const { catalog, audit } = this.context;
    const keyVersion = await runKeyOperation('rotate', () =>
      rotateDataKey(catalog, this.keychain, this.keys, audit),
    );
    return { keyVersion };
  }

  /**
   * A one-time join code for someone joining this workspace: the workspace's data key wrapped
   * for a code that expires (15 minutes) and works once. Shown once; never stored.
   */
  async createJoinCode(): Promise<JoinCode> {
    const { workspace } = this.deps;
    if (!workspace) {
      throw new TokenTrayError('not_a_workspace', 'Join codes are for a shared workspace.', [
        'Start TokenTray with --workspace to share connections with other members.',
      ]);
    }
    const current = this.keys.currentKey();
    const sealing = this.context.catalog.sealing();
    if (this.lock || !current || !sealing) throw new SecretsLockedError();
    const made = await workspace.createJoinCode({ workspaceId: sealing.profileId, ...current });
    this.context.audit.append({
      action: 'joinCodeMade',
      outcome: 'info',
      message: `A join code was made; it works once, until ${new Date(made.expiresAt).toISOString()}.`,
    });
    return made;
  }

  /**
   * Moves this local profile into a shared workspace (services/profile-move.ts): renewals stop
   * first and never start again here; once the copy commits, the host stops, saying where the
   * connections renew now.
   */
  async moveIntoWorkspace(target: MoveWorkspace): Promise<MovedIn> {
    if (this.deps.workspace || !this.folder) throw alreadyInWorkspace();
    if (this.lock) throw new SecretsLockedError();
    this.moving = true;
    try {
      return await moveProfileIn(this.context, {
        profileDir: this.folder,
        keys: this.keys,
        keychain: this.keychain,
        target,
        halt: (error) => void this.halt(error),
      });
    } catch (error) {
      // Nothing moved and nothing was noted: this profile renews on.
      this.moving = !moveNotWritten(this.folder);
      if (!this.moving && this.started) this.context.planner.start();
      throw error;
    } finally {
      this.emit({ type: 'changed', connectionIds: [] });
    }
  }

  /** Moves every partner and connection of this workspace out into a fresh local profile in `profileDir`. */
  async moveOutOfWorkspace(profileDir: string): Promise<MovedOut> {
    const { workspace, workspaceUrl } = this.deps;
    if (!workspace || !workspaceUrl) {
      throw new TokenTrayError('not_a_workspace', 'Only a shared workspace moves out into a local profile.', [
        'Start TokenTray with --workspace to move a workspace out.',
      ]);
    }
    // A sign-in stored meanwhile would be left behind in the workspace, or miss the new profile.
    this.movingOut = true;
    try {
      const moved = await moveWorkspaceOut({
        profileDir,
        keychain: this.keychain,
        url: workspaceUrl,
        member: workspace.member,
        computerSettings: this.computer?.values,
      });
      // The move commits on a session of its own: this instance learns of it as every other does,
      // so it catches up before answering, and its window no longer lists what left (the move
      // stands even if the workspace stops answering now: the follower reads it on reconnect).
      await workspace.catchUp().catch(() => undefined);
      return moved;
    } finally {
      // Only now: a sign-in until the catalog has caught up would store tokens for what left.
      this.movingOut = false;
    }
  }

  /**
   * The person's choice on a locked profile whose key is lost: a new data key, the old
   * sealed secrets cleared, every connection asking for its credentials again.
   */
  async startOver(): Promise<void> {
    if (!this.lock) {
      throw new TokenTrayError('not_locked', "This profile's secrets open: there is nothing to start over.");
    }
    if (this.lock.reason === 'keychain_unavailable') {
      // The key is not lost, only out of reach at start-up: a new one would clear secrets it still opens.
      throw new TokenTrayError(
        'keychain_unavailable',
        'TokenTray could not start over: the system keychain was out of reach when this profile opened, so its data key is not lost.',
        [
          'Nothing was changed. Restart TokenTray once the keychain answers: the profile opens with its own key.',
          ...KEYCHAIN_UNAVAILABLE_STEPS,
        ],
      );
    }
    if (!KEY_LOST_REASONS.includes(this.lock.reason)) {
      throw new TokenTrayError(
        'migration_unconfirmed',
        "TokenTray could not start over: this profile's data key is not lost, its secrets are waiting to be moved out of the keychain.",
        ['Nothing was changed. Restart TokenTray to move them again.'],
      );
    }
    await runKeyOperation('startOver', () => startOver(this.context, this.keychain, this.keys));
    this.lock = null;
    this.context.planner.start();
    this.emit({ type: 'changed', connectionIds: this.context.catalog.connections().map((c) => c.id) });
  }

  /** The connections' secrets as the core reads and writes them (sealed in the profile). */
  get secrets(): SealedVault {
    return this.context.vault as SealedVault;
  }

  /**
   * Stops because the host cannot go on with this profile (its lock lost: the folder removed,
   * or taken over): the window hears why first, the data is written back, and a note in the
   * profile tells the next start what happened.
   */
  async halt(error: TokenTrayError): Promise<void> {
    const note: StopNote = {
      at: this.context.clock.now(),
      message: error.message,
      guidance: [...error.guidance],
    };
    this.emit({ type: 'stopping', note });
    await this.stop().catch(() => undefined);
    if (this.folder) writeStopNote(this.folder, note);
  }

  /** Why the previous run stopped on its own, or null. */
  previousStopNote(): StopNote | null {
    return this.previousStop;
  }

  /** Whether the keychain answered last time it was used; cheaper than a snapshot for start-up checks. */
  isKeychainAvailable(): boolean {
    return this.keychainAvailable;
  }

  /** Resolves when no renewal is running and every change is on disk (tests and shutdown). */
  async idle(): Promise<void> {
    await this.keychainCleanup;
    await this.sealedCheck?.done;
    await this.context.engine.idle();
    await this.context.catalog.commit();
  }

  /**
   * Resolves once every change made so far is durable; rejects with `StorageError`
   * (`storage_full`, `storage_unavailable`) when the disk refuses it. The API answers a
   * change only after this.
   */
  saved(): Promise<void> {
    return this.context.catalog.commit();
  }

  /** Whether the profile takes writes. */
  storageState(): StorageState {
    return this.context.catalog.storageState();
  }

  subscribe(listener: (event: CoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): Snapshot {
    return this.view(buildSnapshot);
  }

  /** A view of the core's state (view/): the sources are read-only and read at the moment of the call. */
  view<T>(build: (sources: LookupSources, context: ViewContext) => T): T {
    const { catalog, engine, planner, clock } = this.context;
    return build(
      {
        partners: catalog.partners(),
        connectionsOf: (id) => catalog.connectionsOf(id),
        connection: (id) => catalog.connection(id),
        partner: (id) => catalog.partner(id),
        state: (id) => catalog.state(id),
        tokensOf: (id) => catalog.tokensOf(id),
        isRenewing: (id) => engine.isRenewing(id),
        isWaitingOnStorage: (id) => engine.isWaitingOnStorage(id),
        dueAt: (id) => planner.dueAt(id),
      },
      {
        now: clock.now(),
        renewalsPaused: this.getSettings().renewalsPaused,
        keychainAvailable: this.keychainAvailable,
        storage: catalog.storageState(),
        previousStop: this.previousStop,
        secretsLock: this.lock,
        settings: this.getSettings(),
        proxyPasswordStored: this.proxyPasswordStored(),
        damaged: this.damaged.profile(),
        workspace: this.deps.workspace
          ? { label: this.deps.workspace.label, member: this.deps.workspace.member }
          : null,
      },
    );
  }

  /** Recovery mode: writes the profile without its damaged records, which stay in the copies of the files. */
  async setAsideDamagedRecords(): Promise<{ setAside: number; copyPaths: string[] }> {
    const copyPaths = this.damaged.copyPaths();
    const setAside = this.context.catalog.setAsideDamaged();
    this.emit({ type: 'changed', connectionIds: [] });
    return { setAside, copyPaths };
  }

  renewNow(connectionId: ConnectionId): Promise<RenewalOutcome> {
    this.context.catalog.requireConnection(connectionId);
    if (this.lock) return Promise.reject(new SecretsLockedError());
    if (this.moving) return Promise.reject(movingError());
    return this.context.engine.renew(connectionId, 'manual');
  }

  /** Tray menu: renew every renewable connection that is due now or overdue. */
  async renewDue(): Promise<number> {
    if (this.lock) throw new SecretsLockedError();
    if (this.moving) throw movingError();
    const { catalog, planner, clock } = this.context;
    const now = clock.now();
    const due = catalog
      .connections()
      .filter((c) => c.dialect !== 'manual' && (planner.dueAt(c.id) ?? Infinity) <= now);
    await Promise.all(due.map((c) => this.context.engine.renew(c.id, 'manual')));
    return due.length;
  }

  /** On resume from sleep or a clock change (the shells call this; a 30 s check catches the rest). */
  replan(): void {
    this.context.planner.replan();
  }

  /** RFC 8414 / OpenID discovery through the core's own HTTP client, on the partner's network route when one is named. */
  discoverIssuer(issuerUrl: string, partnerId?: string | null): Promise<DiscoveredIssuer> {
    return discoverIssuer(issuerUrl, this.context.http, partnerId ?? undefined);
  }

  /** "Test connection": the way to the partner step by step (DNS, proxy, TLS, HTTP), without renewing. */
  checkConnection(id: ConnectionId): Promise<ConnectionCheck> {
    return checkConnection(this.context.catalog.requireConnection(id), this.network);
  }

  /** One page of history, newest first (see `AuditFilter`). */
  history(filter: AuditFilter = {}): AuditEntry[] {
    return this.context.audit.list(filter);
  }

  /**
   * A page of history as the window shows it: in a workspace each line names its member as they
   * go by now, told apart from a namesake (workspace-member.ts); lines from before members had
   * ids keep the name they were written with.
   */
  async namedHistory(filter: AuditFilter = {}): Promise<AuditEntry[]> {
    const entries = this.history(filter);
    const { workspace } = this.deps;
    if (!workspace || !entries.some((entry) => entry.memberId !== undefined)) return entries;
    const labels = await workspace.memberLabels(entries.flatMap((entry) => entry.memberId ?? []));
    return entries.map((entry) => {
      const label = entry.memberId === undefined ? undefined : labels.get(entry.memberId);
      return label === undefined ? entry : { ...entry, member: label };
    });
  }

  /** The settings as they apply here: in a workspace, the team's with this computer's own over them. */
  getSettings(): Settings {
    const stored = this.context.catalog.settings();
    // A record where the two lists differ (written by an older version) shows the policy's, which applies.
    const shared = { ...stored, reminderDays: stored.renewalPolicy.reminderDays };
    return this.computer ? { ...shared, ...this.computer.values } : shared;
  }

  /**
   * Journalled like every other change: durable once `saved()` resolves. In a workspace each
   * field goes to its place: this computer's own to its local file (written before this returns),
   * the team's to the workspace, which is written only when one of those changed.
   */
  updateSettings(patch: Partial<Settings>): Settings {
    const current = this.getSettings();
    const settings = withReminderDaysMirrored(current, SettingsSchema.parse({ ...current, ...patch }));
    const problems = pemProblems({ 'network.extraCaPem': { certificates: settings.network.extraCaPem } });
    if (Object.keys(problems).length > 0) throw new ValidationError('Some fields need attention.', problems);
    const { catalog } = this.context;
    if (this.computer) {
      const own = computerSettingsOf(settings);
      if (!isDeepStrictEqual(own, this.computer.values)) {
        this.computer.store.write(own);
        this.computer.values = own;
      }
      // The workspace's record keeps what it held for this computer's fields: no member reads them there.
      const shared = { ...settings, ...computerSettingsOf(catalog.settings()) };
      if (!isDeepStrictEqual(shared, catalog.settings())) catalog.putSettings(shared);
    } else {
      catalog.putSettings(settings);
    }
    if (proxyHost(current.network.proxyUrl) !== proxyHost(settings.network.proxyUrl))
      this.forgetProxyPassword();
    this.limiter.setLimits(settings.concurrency);
    if (!isDeepStrictEqual(current.network, settings.network)) this.lookAgainAtProxyRefusals();
    this.context.planner.planAll();
    this.emit({ type: 'changed', connectionIds: [] });
    return settings;
  }

  /**
   * The company proxy's password, kept in the vault like every other secret; null removes it, and
   * requests then go to the proxy without credentials. The history records the change, never the password.
   */
  async setProxyPassword(password: string | null): Promise<void> {
    const { vault, audit } = this.context;
    if (password === null) {
      if (!this.proxyPasswordStored()) return;
      await vault.delete(PROFILE_SECRETS, 'proxyPassword');
      audit.append({
        action: 'proxyPasswordRemoved',
        outcome: 'info',
        message: 'The proxy password was removed: requests go to the proxy without credentials.',
      });
    } else {
      await vault.set(PROFILE_SECRETS, 'proxyPassword', password);
      audit.append({
        action: 'proxyPasswordStored',
        outcome: 'info',
        message: 'A proxy password was stored.',
      });
    }
    this.lookAgainAtProxyRefusals();
    this.context.planner.planAll();
    this.emit({ type: 'changed', connectionIds: [] });
  }

  /**
   * The proxy refused the credentials of the moment, not the partner: once the proxy settings or
   * the password change, the connections it stopped renew again when due, without a renewal by hand each.
   */
  private lookAgainAtProxyRefusals(): void {
    const { catalog } = this.context;
    for (const connection of catalog.connections()) {
      const state = catalog.state(connection.id);
      if (state.phase !== 'needsAction' || state.followUp?.reason !== 'proxy_refused') continue;
      catalog.updateState(connection.id, { phase: 'idle', followUp: null, lastError: null });
    }
  }

  /**
   * The password was given for one proxy: another one (or the environment's, once the setting is
   * cleared) never gets it. A locked profile overwrites nothing, so its password waits there.
   */
  private forgetProxyPassword(): void {
    if (this.lock || !this.proxyPasswordStored()) return;
    this.context.catalog.putSealedSecret(PROFILE_SECRETS, 'proxyPassword', null);
    this.context.audit.append({
      action: 'proxyPasswordRemoved',
      outcome: 'info',
      message:
        'The proxy changed, so the password stored for the previous one was removed: enter the new proxy’s.',
    });
  }

  /** Whether a proxy password is stored, read without opening it (a damaged one counts: it can be removed). */
  private proxyPasswordStored(): boolean {
    return this.context.catalog.sealedSecret(PROFILE_SECRETS, 'proxyPassword') !== undefined;
  }

  now(): EpochMs {
    return this.context.clock.now();
  }

  /**
   * Secrets an older version kept in the keychain are sealed into the profile before anything
   * renews. Until they are the profile stays locked if the keychain fails; once they are
   * committed, emptying the old items waits for `emptyOldKeychainItems`, after start-up.
   */
  private async moveKeychainItems(): Promise<SecretsLock | null> {
    const { catalog, vault } = this.context;
    try {
      this.oldItemsRead = await sealKeychainItems(catalog, this.keychain, vault);
      return null;
    } catch (error) {
      if (!(error instanceof TokenTrayError)) throw error;
      if (catalog.sealing()?.keychainItems === 'deleting') return null;
      if (error.code === 'migration_unconfirmed') return secretsLock('migration_unconfirmed');
      return secretsLock(
        'keychain_unavailable',
        error instanceof KeychainUnavailableError ? undefined : error.message,
      );
    }
  }

  /** A keychain that fails while emptying its old items only delays that to the next start. */
  private async emptyOldKeychainItems(): Promise<void> {
    try {
      const read = this.oldItemsRead;
      this.oldItemsRead = null;
      await removeKeychainItems(this.context.catalog, this.keychain, this.context.audit, read);
    } catch (error) {
      if (error instanceof TokenTrayError) return;
      console.error(
        'TokenTray: emptying the old keychain items failed',
        error instanceof Error ? error.name : 'unknown error',
      );
    }
  }

  /** Asks the keychain whether it answers every few minutes while the profile runs; the window shows the answer. */
  private checkKeychainLater(): void {
    const check = this.context.clock.setTimeout(() => {
      void this.keychain.probe().finally(() => {
        // Stopped meanwhile (and perhaps started again, with a check of its own): this one ends.
        if (this.keychainCheck === check) this.checkKeychainLater();
      });
    }, KEYCHAIN_CHECK_MS);
    this.keychainCheck = check;
  }

  private keychainChanged(available: boolean): void {
    if (available === this.keychainAvailable) return;
    this.keychainAvailable = available;
    this.emit({ type: 'changed', connectionIds: [] });
  }

  private storageChanged(state: StorageState): void {
    this.emit({ type: 'storage', state });
  }

  private signInRefusal(): TokenTrayError | null {
    return signInRefusal(this.moving ? 'in' : this.movingOut ? 'out' : null);
  }

  private emit(event: CoreEvent): void {
    if (event.type === 'changed' && event.connectionIds.length > 0) {
      for (const id of event.connectionIds) this.context.planner.plan(id);
    }
    for (const listener of this.listeners) listener(event);
  }
}

/**
 * A workspace instance's own settings, from its local folder (or this run's memory without one);
 * a field this computer never chose starts at its default, not at another member's choice.
 */
function openComputerPart(localFolder: string | undefined): {
  store: ComputerSettingsStore;
  values: ComputerSettings;
} {
  const store = localFolder ? openComputerSettings(localFolder) : computerSettingsInMemory();
  return { store, values: computerSettingsOf({ ...DEFAULT_SETTINGS, ...store.read() }) };
}

function movingError(): TokenTrayError {
  return new TokenTrayError(
    'profile_moved',
    'This profile is moving into a workspace: it renews nothing here.',
    ['Its connections renew in the workspace once the move is done.'],
  );
}

/** Why a sign-in may not store its tokens now: the connections are moving; null when they are not. */
function signInRefusal(moving: 'in' | 'out' | null): TokenTrayError | null {
  if (moving === null) return null;
  return new TokenTrayError(
    'profile_moved',
    moving === 'in'
      ? 'This profile is moving into a workspace, so the sign-in was not stored here. Nothing was changed.'
      : 'The connections are moving out of this workspace, so the sign-in was not stored. Nothing was changed.',
    ['Sign in again once the move is done, in the TokenTray where the connection renews then.'],
  );
}

function alreadyInWorkspace(): TokenTrayError {
  return new TokenTrayError('profile_moved', 'This TokenTray already runs on a shared workspace.', [
    'Only a local profile moves into a workspace.',
  ]);
}

/** Where a proxy setting points (host and port), or null for none. */
function proxyHost(proxyUrl: string | null): string | null {
  return proxyUrl === null ? null : new URL(proxyUrl).host;
}
