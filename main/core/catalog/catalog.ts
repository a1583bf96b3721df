import type {
  AuditEntry,
  Connection,
  ConnectionId,
  ConnectionState,
  Partner,
  PartnerId,
  TokenRecord,
} from '../domain';
import { initialState, NotFoundError, ownEntry } from '../domain';
import { dictionary } from '../domain/dictionary';
import type { Settings } from '../domain/settings';
import { asDictionaries, EVERY_CONNECTION } from '../store/journal-records';
import type { Sealing, StoreData } from '../store/schema';
import type { SecretKind } from '../domain/secret-kinds';
import type { CatalogSection, CatalogWriting } from './catalog-writer';
import type { JournalOp } from '../store/journal-records';
import type { StorageState } from './storage-health';

/** Enough history for the window's previous tokens and a partner's switch-over. */
export const TOKENS_KEPT_PER_CONNECTION = 10;

/**
 * The metadata in memory. Reads never touch the disk; every change is handed to the
 * writer, which journals it at the end of the tick. `commit` is for the moments a crash
 * must not lose (the in-flight marker, a renewal's result).
 */
export class Catalog {
  private readonly tokensByConnection = new Map<ConnectionId, TokenRecord[]>();
  /** A partner's connections, so the snapshot does not scan every connection for every partner. */
  private readonly connectionsByPartner = new Map<PartnerId, Set<ConnectionId>>();
  /** Set while changes committed elsewhere are applied: they are not written again. */
  private applying = false;

  constructor(
    private readonly data: Pick<StoreData, CatalogSection>,
    private readonly writer: CatalogWriting,
  ) {
    // Ids come from files and callers: no lookup below may reach a member every object inherits.
    asDictionaries(data);
    for (const token of Object.values(data.tokens)) this.indexToken(token);
    for (const connection of Object.values(data.connections)) this.indexConnection(connection);
  }

  partners(): Partner[] {
    return Object.values(this.data.partners);
  }

  partner(id: PartnerId): Partner | undefined {
    return ownEntry(this.data.partners, id);
  }

  requirePartner(id: PartnerId): Partner {
    const partner = this.partner(id);
    if (!partner) throw new NotFoundError('The partner');
    return partner;
  }

  putPartner(partner: Partner): void {
    // Recorded first: the writer refuses a record start-up could not read, and then nothing changes.
    this.record('partners', { put: 'partners', value: partner });
    this.data.partners[partner.id] = partner;
  }

  deletePartner(id: PartnerId): void {
    delete this.data.partners[id];
    this.connectionsByPartner.delete(id);
    this.record('partners', { delete: 'partners', id });
  }

  connections(): Connection[] {
    return Object.values(this.data.connections);
  }

  connectionsOf(partnerId: PartnerId): Connection[] {
    const ids = this.connectionsByPartner.get(partnerId);
    return ids ? [...ids].map((id) => ownEntry(this.data.connections, id)!) : [];
  }

  connection(id: ConnectionId): Connection | undefined {
    return ownEntry(this.data.connections, id);
  }

  requireConnection(id: ConnectionId): Connection {
    const connection = this.connection(id);
    if (!connection) throw new NotFoundError('The connection');
    return connection;
  }

  putConnection(connection: Connection): void {
    this.record('connections', { put: 'connections', value: connection });
    const known = ownEntry(this.data.connections, connection.id);
    if (known) this.connectionsByPartner.get(known.partnerId)?.delete(known.id);
    this.data.connections[connection.id] = connection;
    this.indexConnection(connection);
  }

  /** Removes the connection with its tokens and state (its secrets are the vault's business). */
  deleteConnection(id: ConnectionId): void {
    const known = ownEntry(this.data.connections, id);
    if (known) this.connectionsByPartner.get(known.partnerId)?.delete(id);
    delete this.data.connections[id];
    delete this.data.states[id];
    for (const token of this.tokensByConnection.get(id) ?? []) this.forgetToken(token.id);
    this.tokensByConnection.delete(id);
    this.record('connections', { delete: 'connections', id });
    this.record('states', { delete: 'states', id });
  }

  state(id: ConnectionId): ConnectionState {
    return ownEntry(this.data.states, id) ?? initialState(id);
  }

  updateState(id: ConnectionId, patch: Partial<ConnectionState>): ConnectionState {
    const next = { ...this.state(id), ...patch, connectionId: id };
    // Only what changed is journalled: a renewal changes a state twice, and a state is most of a line.
    this.record('states', { patch: 'states', id, value: patch });
    this.data.states[id] = next;
    return next;
  }

  /** Tokens of a connection, newest first. */
  tokensOf(id: ConnectionId): readonly TokenRecord[] {
    return this.tokensByConnection.get(id) ?? [];
  }

  /** The token in use: the newest one that is not revoked. */
  currentToken(id: ConnectionId): TokenRecord | undefined {
    return this.tokensOf(id).find((t) => t.status !== 'revoked');
  }

  putToken(token: TokenRecord): void {
    this.record('tokens', { put: 'tokens', value: token });
    const known = ownEntry(this.data.tokens, token.id);
    this.data.tokens[token.id] = token;
    if (known) {
      const list = this.tokensByConnection.get(token.connectionId) ?? [];
      const index = list.findIndex((t) => t.id === token.id);
      if (index >= 0) list[index] = token;
    } else {
      this.indexToken(token);
    }
  }

  /**
   * Keeps a connection's newest tokens and forgets older metadata, so a connection
   * that renews every few minutes does not grow the file forever. The current
   * token is always the newest, so it is never dropped.
   */
  pruneTokens(id: ConnectionId, keep = TOKENS_KEPT_PER_CONNECTION): void {
    const list = this.tokensByConnection.get(id);
    if (!list || list.length <= keep) return;
    for (const dropped of list.splice(keep)) this.forgetToken(dropped.id);
  }

  /**
   * The history as stored, oldest first. The audit log appends to and trims this very
   * array, and reports each entry through `appendedAudit` so it is journalled.
   */
  auditEntries(): AuditEntry[] {
    return this.data.audit;
  }

  appendedAudit(entry: AuditEntry): void {
    this.record('audit', { audit: entry });
  }

  /** A connection's secret as sealed (vault/sealed-vault.ts opens it), or undefined when none is stored. */
  sealedSecret(id: ConnectionId, kind: SecretKind): string | undefined {
    return ownEntry(this.data.secrets, id)?.[kind];
  }

  /** Whether the connection holds any sealed secret: one lookup, nothing opened. */
  holdsSealedSecrets(id: ConnectionId): boolean {
    return ownEntry(this.data.secrets, id) !== undefined;
  }

  /** Writes one sealed secret, or removes it with null. */
  putSealedSecret(id: ConnectionId, kind: SecretKind, value: string | null): void {
    if (value === null) {
      const secrets = ownEntry(this.data.secrets, id);
      if (!secrets || secrets[kind] === undefined) return;
      delete secrets[kind];
      if (Object.keys(secrets).length === 0) delete this.data.secrets[id];
    } else {
      (ownEntry(this.data.secrets, id) ?? (this.data.secrets[id] = {}))[kind] = value;
    }
    this.record('secrets', { seal: id, kind, value });
  }

  /** Removes every sealed secret of a connection. */
  dropSealedSecrets(id: ConnectionId): void {
    if (!ownEntry(this.data.secrets, id)) return;
    delete this.data.secrets[id];
    this.record('secrets', { dropSecrets: id });
  }

  /** Removes every connection's sealed secrets (starting over with a new data key). */
  dropEverySealedSecret(): void {
    this.data.secrets = dictionary();
    this.record('secrets', { dropSecrets: EVERY_CONNECTION });
  }

  /** Every sealed secret, by connection and kind (a key rotation re-seals them all). */
  sealedSecrets(): Array<{ connectionId: ConnectionId; kind: SecretKind; value: string }> {
    return Object.entries(this.data.secrets).flatMap(([connectionId, secrets]) =>
      Object.entries(secrets).map(([kind, value]) => ({ connectionId, kind: kind as SecretKind, value })),
    );
  }

  sealing(): Sealing | null {
    return this.data.sealing;
  }

  putSealing(sealing: Sealing): void {
    this.data.sealing = sealing;
    this.record('sealing', { sealing });
  }

  /** Writes the profile without the records start-up could not read; returns how many there were. */
  setAsideDamaged(): number {
    return this.writer.setAsideDamaged();
  }

  settings(): Settings {
    return this.data.settings;
  }

  putSettings(settings: Settings): void {
    this.data.settings = settings;
    this.record('settings', { settings });
  }

  /** Whether the profile takes writes: a full or read-only disk shows here until a write succeeds. */
  storageState(): StorageState {
    return this.writer.storageState();
  }

  /** Resolves once every change so far is on disk; rejects with `StorageError` when the disk refuses it. */
  commit(): Promise<void> {
    return this.writer.commit();
  }

  /** Folds the journal into the metadata file now, instead of at the next checkpoint. */
  checkpointNow(): void {
    this.writer.checkpoint();
  }

  /** Writes everything to the metadata file and closes the journal (on stop). */
  close(): Promise<void> {
    return this.writer.close();
  }

  /**
   * Applies changes another instance committed to a shared workspace, without writing them
   * again. Returns the connections they touched.
   */
  applyChanges(ops: readonly JournalOp[]): ConnectionId[] {
    const touched = new Set<ConnectionId>();
    this.applying = true;
    try {
      for (const op of ops) this.applyChange(op, touched);
    } finally {
      this.applying = false;
    }
    return [...touched];
  }

  private applyChange(op: JournalOp, touched: Set<ConnectionId>): void {
    if ('patch' in op) {
      this.updateState(op.id, op.value);
      touched.add(op.id);
    } else if ('put' in op) {
      if (op.put === 'partners') this.putPartner(op.value);
      else if (op.put === 'connections') this.putConnection(op.value);
      else if (op.put === 'tokens') this.putToken(op.value);
      else this.data.states[op.value.connectionId] = op.value;
      touched.add('connectionId' in op.value ? op.value.connectionId : op.value.id);
    } else if ('delete' in op) {
      if (op.delete === 'partners') this.deletePartner(op.id);
      else if (op.delete === 'connections') this.deleteConnection(op.id);
      else if (op.delete === 'states') delete this.data.states[op.id];
      else this.dropToken(op.id);
      if (op.delete !== 'tokens' && op.delete !== 'partners') touched.add(op.id);
    } else if ('audit' in op) {
      this.data.audit.push(op.audit);
    } else if ('settings' in op) {
      this.putSettings(op.settings);
    } else if ('seal' in op) {
      this.putSealedSecret(op.seal, op.kind, op.value);
      touched.add(op.seal);
    } else if ('dropSecrets' in op) {
      if (op.dropSecrets === EVERY_CONNECTION) this.dropEverySealedSecret();
      else this.dropSealedSecrets(op.dropSecrets);
    } else {
      this.putSealing(op.sealing);
    }
  }

  /** Forgets one token's metadata, wherever it sits in its connection's list. */
  private dropToken(id: string): void {
    const token = ownEntry(this.data.tokens, id);
    if (!token) return;
    const list = this.tokensByConnection.get(token.connectionId);
    const index = list?.findIndex((t) => t.id === id) ?? -1;
    if (list && index >= 0) list.splice(index, 1);
    this.forgetToken(id);
  }

  /** Hands a change to the writer, except one that another instance already committed. */
  private record(section: CatalogSection, op: JournalOp): void {
    if (!this.applying) this.writer.record(section, op);
  }

  private forgetToken(id: string): void {
    delete this.data.tokens[id];
    this.record('tokens', { delete: 'tokens', id });
  }

  private indexConnection(connection: Connection): void {
    const ids = this.connectionsByPartner.get(connection.partnerId) ?? new Set<ConnectionId>();
    ids.add(connection.id);
    this.connectionsByPartner.set(connection.partnerId, ids);
  }

  private indexToken(token: TokenRecord): void {
    const list = this.tokensByConnection.get(token.connectionId) ?? [];
    // Newest first; a token issued in the same millisecond as another is the newer one (stable sort).
    list.unshift(token);
    // A renewal's token is the newest, so the sort is only for loading and imports.
    if (list.length > 1 && token.issuedAt < list[1]!.issuedAt) list.sort((a, b) => b.issuedAt - a.issuedAt);
    this.tokensByConnection.set(token.connectionId, list);
  }
}
