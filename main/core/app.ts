import { AuditLog } from './audit/audit-log';
import { openCatalog } from './catalog/open-catalog';
import type { AuditEntry, ConnectionId, EpochMs, RenewalOutcome } from './domain';
import { KeychainUnavailableError, TokenTrayError } from './domain';
import type { Settings } from './domain/settings';
import { SettingsSchema } from './domain/settings';
import type { Clock } from './engine/clock';
import { systemClock } from './engine/clock';
import { RenewalLimiter } from './engine/limiter';
import type { ReminderDue } from './engine/renewal-planner';
import { RenewalPlanner } from './engine/renewal-planner';
import { RenewalEngine } from './engine/renewal-engine';
import { recoverInterruptedRenewals } from './engine/recovery';
import { FetchHttpClient } from './http/fetch-http-client';
import type { HttpClient } from './http/http-client';
import type { MetadataStore } from './store/metadata-store';
import type { StoreData } from './store/schema';
import { DataKeyRing } from './vault/data-key';
import type { SecretsLock } from './vault/profile-lock-state';
import { SealedVault, SecretsLockedError } from './vault/sealed-vault';
import type { Keychain } from './vault/secret-vault';
import { migrateKeychainItems } from './vault/migrate-keychain-items';
import { retireOldKey, rotateDataKey } from './vault/rotate-data-key';
import { secretsLock } from './vault/profile-lock-state';
import { unlockProfile } from './vault/unlock-profile';
import { watchKeychain } from './vault/watched-vault';
import type { Snapshot } from './view/snapshot';
import { buildSnapshot } from './view/snapshot';
import type { LookupSources, ViewContext } from './view/view-sources';
import { ConnectionAdmin } from './services/connection-admin';
import { PartnerGuidance } from './services/partner-guidance';
import { ImportExport } from './services/import-export';
import type { CoreContext } from './services/core-context';
import { startOver } from './services/start-over';

export type CoreEvent =
  | { type: 'changed'; connectionIds: ConnectionId[] }
  | { type: 'reminder'; reminder: ReminderDue }
  | { type: 'needsAction'; connectionId: ConnectionId };

export interface TokenTrayDeps {
  store: MetadataStore<StoreData>;
  /** Where the store's journal lives; beside the store's file unless given. */
  journalPath?: string;
  /**
   * The OS keychain: it holds the profile's data key, read once at start-up (and, from
   * profiles made before sealing, one item per secret, moved into the profile then).
   */
  keychain: Keychain;
  http?: HttpClient;
  clock?: Clock;
  random?: () => number;
}

/** The core composed: the one object both hosts (Electron and the browser host) drive. */
export class TokenTrayCore {
  readonly admin: ConnectionAdmin;
  readonly guidance: PartnerGuidance;
  /** Partners and connections to and from a file, without secrets. */
  readonly transfer: ImportExport;
  private readonly context: CoreContext;
  /** The keychain, reached at start-up and for key operations only: never per renewal. */
  private readonly keychain: Keychain;
  /** The profile's data key, in this process's memory only. */
  private readonly keys = new DataKeyRing();
  /** Set when start-up found no key that opens the profile: nothing renews or is written. */
  private lock: SecretsLock | null = null;
  /** Kept so that saved concurrency settings apply at once, not after a restart. */
  private readonly limiter: RenewalLimiter;
  private readonly listeners = new Set<(event: CoreEvent) => void>();
  private settings: Settings;
  private keychainAvailable = true;
  private started = false;

  constructor(private readonly deps: TokenTrayDeps) {
    const clock = deps.clock ?? systemClock;
    // Validated once at start-up, so an invalid file fails clearly instead of being read as it is.
    const { catalog, data } = openCatalog(deps.store, { journalPath: deps.journalPath });
    this.settings = data.settings;
    const audit = new AuditLog({
      entries: catalog.auditEntries(),
      appended: (entry) => catalog.appendedAudit(entry),
      now: () => clock.now(),
    });
    const http = deps.http ?? new FetchHttpClient();
    // Every keychain call reports whether the keychain answered, so the window shows it going away.
    this.keychain = watchKeychain(deps.keychain, (available) => this.keychainChanged(available));
    // The core's secrets, sealed in the catalog: renewals never wait on the keychain.
    const vault = new SealedVault(catalog, this.keys);
    this.limiter = new RenewalLimiter(this.settings.concurrency);
    const engine = new RenewalEngine({
      catalog,
      vault,
      http,
      clock,
      audit,
      limiter: this.limiter,
      random: deps.random,
      onChange: (id) => this.emit({ type: 'changed', connectionIds: [id] }),
      onNeedsAction: (id) => this.emit({ type: 'needsAction', connectionId: id }),
      onSettled: (id) => planner.plan(id),
    });
    const planner = new RenewalPlanner({
      catalog,
      clock,
      engine,
      isPaused: () => this.settings.renewalsPaused,
      onReminder: (reminder) => this.emit({ type: 'reminder', reminder }),
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
    this.guidance = new PartnerGuidance(this.context);
    this.transfer = new ImportExport(this.context);
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
    await recoverInterruptedRenewals(this.context);
    this.context.planner.start();
  }

  async stop(): Promise<void> {
    this.started = false;
    this.context.planner.stop();
    await this.context.engine.idle();
    await this.context.catalog.close();
    this.keys.clear();
  }

  /** Why the profile's secrets are locked, or null when they are open. */
  secretsLock(): SecretsLock | null {
    return this.lock;
  }

  /** Re-seals every secret under a new data key (settings); resolves with the new key's version. */
  async rotateDataKey(): Promise<{ keyVersion: number }> {
    if (this.lock) throw new SecretsLockedError();
    const { catalog, audit } = this.context;
    return { keyVersion: await rotateDataKey(catalog, this.keychain, this.keys, audit) };
  }

  /**
   * The person's choice on a locked profile whose key is lost: a new data key, the old
   * sealed secrets cleared, every connection asking for its credentials again.
   */
  async startOver(): Promise<void> {
    if (!this.lock) {
      throw new TokenTrayError('not_locked', "This profile's secrets open: there is nothing to start over.");
    }
    await startOver(this.context, this.keychain, this.keys);
    this.lock = null;
    this.context.planner.start();
    this.emit({ type: 'changed', connectionIds: this.context.catalog.connections().map((c) => c.id) });
  }

  /** The connections' secrets as the core reads and writes them (sealed in the profile). */
  get secrets(): SealedVault {
    return this.context.vault as SealedVault;
  }

  /** Whether the keychain answered last time it was used; cheaper than a snapshot for start-up checks. */
  isKeychainAvailable(): boolean {
    return this.keychainAvailable;
  }

  /** Resolves when no renewal is running and every change is on disk (tests and shutdown). */
  async idle(): Promise<void> {
    await this.context.engine.idle();
    await this.context.catalog.commit();
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
        dueAt: (id) => planner.dueAt(id),
      },
      {
        now: clock.now(),
        renewalsPaused: this.settings.renewalsPaused,
        keychainAvailable: this.keychainAvailable,
        secretsLock: this.lock,
        settings: this.settings,
      },
    );
  }

  renewNow(connectionId: ConnectionId): Promise<RenewalOutcome> {
    this.context.catalog.requireConnection(connectionId);
    if (this.lock) return Promise.reject(new SecretsLockedError());
    return this.context.engine.renew(connectionId, 'manual');
  }

  /** Tray menu: renew every renewable connection that is due now or overdue. */
  async renewDue(): Promise<number> {
    if (this.lock) throw new SecretsLockedError();
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

  history(filter: { connectionId?: string; partnerId?: string; limit?: number } = {}): AuditEntry[] {
    return this.context.audit.list(filter);
  }

  getSettings(): Settings {
    return this.settings;
  }

  updateSettings(patch: Partial<Settings>): Settings {
    this.settings = SettingsSchema.parse({ ...this.settings, ...patch });
    this.deps.store.set('settings', this.settings);
    this.limiter.setLimits(this.settings.concurrency);
    this.context.planner.planAll();
    this.emit({ type: 'changed', connectionIds: [] });
    return this.settings;
  }

  now(): EpochMs {
    return this.context.clock.now();
  }

  /**
   * Secrets an older version kept in the keychain are moved into the profile before anything
   * renews. Until they are sealed the profile stays locked if the keychain fails; once they are,
   * a keychain that fails while emptying its old items only delays that to the next start.
   */
  private async moveKeychainItems(): Promise<SecretsLock | null> {
    const { catalog, vault, audit } = this.context;
    try {
      await migrateKeychainItems(catalog, this.keychain, vault, audit);
      return null;
    } catch (error) {
      if (!(error instanceof TokenTrayError)) throw error;
      if (catalog.sealing()?.keychainItems === 'deleting') return null;
      return secretsLock(
        'keychain_unavailable',
        error instanceof KeychainUnavailableError ? undefined : error.message,
      );
    }
  }

  private keychainChanged(available: boolean): void {
    if (available === this.keychainAvailable) return;
    this.keychainAvailable = available;
    this.emit({ type: 'changed', connectionIds: [] });
  }

  private emit(event: CoreEvent): void {
    if (event.type === 'changed' && event.connectionIds.length > 0) {
      for (const id of event.connectionIds) this.context.planner.plan(id);
    }
    for (const listener of this.listeners) listener(event);
  }
}
