import type { Connection, ConnectionId, ConnectionState, Partner, PartnerId, TokenRecord } from '../domain';
import { initialState, NotFoundError } from '../domain';
import type { MetadataStore } from '../store/metadata-store';
import type { StoreData } from '../store/schema';

/** Enough history for the window's previous tokens and a partner's switch-over. */
export const TOKENS_KEPT_PER_CONNECTION = 10;

type Section = 'partners' | 'connections' | 'tokens' | 'states' | 'audit';

/**
 * The metadata in memory, persisted through the store contract. Reads never touch
 * the disk; writes mark a section dirty and are flushed once per tick, so a burst
 * of renewals costs one file write, not one per change. `flushNow` is for the
 * moments a crash must not lose (the in-flight marker).
 */
export class Catalog {
  private readonly dirty = new Set<Section>();
  private flushScheduled = false;
  private readonly tokensByConnection = new Map<ConnectionId, TokenRecord[]>();
  /** A partner's connections, so the snapshot does not scan every connection for every partner. */
  private readonly connectionsByPartner = new Map<PartnerId, Set<ConnectionId>>();

  constructor(
    private readonly store: MetadataStore<StoreData>,
    private readonly data: Pick<StoreData, Section>,
  ) {
    for (const token of Object.values(data.tokens)) this.indexToken(token);
    for (const connection of Object.values(data.connections)) this.indexConnection(connection);
  }

  partners(): Partner[] {
    return Object.values(this.data.partners);
  }

  partner(id: PartnerId): Partner | undefined {
    return this.data.partners[id];
  }

  requirePartner(id: PartnerId): Partner {
    const partner = this.partner(id);
    if (!partner) throw new NotFoundError('The partner');
    return partner;
  }

  putPartner(partner: Partner): void {
    this.data.partners[partner.id] = partner;
    this.markDirty('partners');
  }

  deletePartner(id: PartnerId): void {
    delete this.data.partners[id];
    this.markDirty('partners');
  }

  connections(): Connection[] {
    return Object.values(this.data.connections);
  }

  connectionsOf(partnerId: PartnerId): Connection[] {
    const ids = this.connectionsByPartner.get(partnerId);
    return ids ? [...ids].map((id) => this.data.connections[id]!) : [];
  }

  connection(id: ConnectionId): Connection | undefined {
    return this.data.connections[id];
  }

  requireConnection(id: ConnectionId): Connection {
    const connection = this.connection(id);
    if (!connection) throw new NotFoundError('The connection');
    return connection;
  }

  putConnection(connection: Connection): void {
    const known = this.data.connections[connection.id];
    if (known) this.connectionsByPartner.get(known.partnerId)?.delete(known.id);
    this.data.connections[connection.id] = connection;
    this.indexConnection(connection);
    this.markDirty('connections');
  }

  /** Removes the connection with its tokens and state (its secrets are the vault's business). */
  deleteConnection(id: ConnectionId): void {
    const known = this.data.connections[id];
    if (known) this.connectionsByPartner.get(known.partnerId)?.delete(id);
    delete this.data.connections[id];
    delete this.data.states[id];
    for (const token of this.tokensByConnection.get(id) ?? []) delete this.data.tokens[token.id];
    this.tokensByConnection.delete(id);
    this.markDirty('connections');
    this.markDirty('states');
    this.markDirty('tokens');
  }

  state(id: ConnectionId): ConnectionState {
    return this.data.states[id] ?? initialState(id);
  }

  updateState(id: ConnectionId, patch: Partial<ConnectionState>): ConnectionState {
    const next = { ...this.state(id), ...patch, connectionId: id };
    this.data.states[id] = next;
    this.markDirty('states');
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
    const known = this.data.tokens[token.id];
    this.data.tokens[token.id] = token;
    if (known) {
      const list = this.tokensByConnection.get(token.connectionId) ?? [];
      const index = list.findIndex((t) => t.id === token.id);
      if (index >= 0) list[index] = token;
    } else {
      this.indexToken(token);
    }
    this.markDirty('tokens');
  }

  /**
   * Keeps a connection's newest tokens and forgets older metadata, so a connection
   * that renews every few minutes does not grow the file forever. The current
   * token is always the newest, so it is never dropped.
   */
  pruneTokens(id: ConnectionId, keep = TOKENS_KEPT_PER_CONNECTION): void {
    const list = this.tokensByConnection.get(id);
    if (!list || list.length <= keep) return;
    for (const dropped of list.splice(keep)) delete this.data.tokens[dropped.id];
    this.markDirty('tokens');
  }

  /** The audit log persists with the rest, in the same coalesced write. */
  putAudit(entries: StoreData['audit']): void {
    this.data.audit = entries;
    this.markDirty('audit');
  }

  /** Writes what changed, now. */
  flushNow(): void {
    for (const section of this.dirty) this.store.set(section, this.data[section]);
    this.dirty.clear();
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
    list.sort((a, b) => b.issuedAt - a.issuedAt);
    this.tokensByConnection.set(token.connectionId, list);
  }

  private markDirty(section: Section): void {
    this.dirty.add(section);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flushNow();
    });
  }
}
