import type { ConnectionBrief, ConnectionStatus, Dialect, PartnerBrief } from '../../api/types';
import { connectionKey, partnerKey } from '../../hooks/useSelection';
import { DIALECT_LABEL, STATUS_ORDER } from '../../format/labels';

export interface ListFilter {
  query: string;
  status: ConnectionStatus | 'all';
  dialect: Dialect | 'all';
}

export type ListItem =
  | { kind: 'partner'; key: string; partner: PartnerBrief; shown: number; worst: ConnectionStatus | null }
  | { kind: 'connection'; key: string; connection: ConnectionBrief; partner: PartnerBrief };

export const NO_FILTER: ListFilter = { query: '', status: 'all', dialect: 'all' };

const URGENCY = new Map(STATUS_ORDER.map((status, index) => [status, index]));

/** Needs action first, healthy last; then the soonest expiry; unknown lifetimes after known ones. */
export function compareByUrgency(a: ConnectionBrief, b: ConnectionBrief): number {
  return (
    (URGENCY.get(a.status) ?? 99) - (URGENCY.get(b.status) ?? 99) ||
    expiryOf(a) - expiryOf(b) ||
    a.label.localeCompare(b.label)
  );
}

function expiryOf(connection: ConnectionBrief): number {
  return connection.token?.expiresAt ?? Number.POSITIVE_INFINITY;
}

const searchTexts = new WeakMap<ConnectionBrief, string>();

/** Lower-case words a search can match: partner name, connection label, fingerprints, scope. */
export function searchText(connection: ConnectionBrief, partner: PartnerBrief): string {
  // Each snapshot brings new objects, so the cache lives exactly as long as the snapshot.
  let text = searchTexts.get(connection);
  if (text === undefined) {
    text = buildSearchText(connection, partner);
    searchTexts.set(connection, text);
  }
  return text;
}

function buildSearchText(connection: ConnectionBrief, partner: PartnerBrief): string {
  return [
    partner.name,
    connection.label,
    connection.token?.fingerprint ?? '',
    ...connection.previousFingerprints,
    connection.scope ?? '',
    DIALECT_LABEL[connection.dialect],
  ]
    .join('\n')
    .toLowerCase();
}

function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/**
 * The rows of the list: partners in the order of their most urgent connection,
 * each followed by its connections that pass the filter, most urgent first.
 */
export function buildList(partners: readonly PartnerBrief[], filter: ListFilter): ListItem[] {
  const words = queryWords(filter.query);
  const filtering = filter.status !== 'all' || filter.dialect !== 'all';
  const groups: Array<{ partner: PartnerBrief; connections: ConnectionBrief[] }> = [];
  for (const partner of partners) {
    const connections = partner.connections.filter((connection) => {
      if (filter.status !== 'all' && connection.status !== filter.status) return false;
      if (filter.dialect !== 'all' && connection.dialect !== filter.dialect) return false;
      if (words.length === 0) return true;
      const text = searchText(connection, partner);
      return words.every((word) => text.includes(word));
    });
    // A partner without connections still shows, so it can be found and given one.
    const bareMatch =
      partner.connections.length === 0 &&
      !filtering &&
      words.every((word) => partner.name.toLowerCase().includes(word));
    if (connections.length > 0 || bareMatch)
      groups.push({ partner, connections: connections.sort(compareByUrgency) });
  }
  groups.sort(
    (a, b) =>
      compareFirst(a.connections[0], b.connections[0]) || a.partner.name.localeCompare(b.partner.name),
  );
  const items: ListItem[] = [];
  for (const { partner, connections } of groups) {
    items.push({
      kind: 'partner',
      key: partnerKey(partner.id),
      partner,
      shown: connections.length,
      worst: connections[0]?.status ?? null,
    });
    for (const connection of connections) {
      items.push({ kind: 'connection', key: connectionKey(connection.id), connection, partner });
    }
  }
  return items;
}

function compareFirst(a: ConnectionBrief | undefined, b: ConnectionBrief | undefined): number {
  if (a && b) return compareByUrgency(a, b);
  if (a) return -1;
  return b ? 1 : 0;
}

/** Every connection in the snapshot by id, for the detail panel and events. */
export function findConnection(
  partners: readonly PartnerBrief[],
  id: string,
): { connection: ConnectionBrief; partner: PartnerBrief } | null {
  for (const partner of partners) {
    const connection = partner.connections.find((c) => c.id === id);
    if (connection) return { connection, partner };
  }
  return null;
}
