import type { ConnectionBrief, ConnectionStatus, Dialect, PartnerBrief, Settings } from '../../api/types';
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

/** How the person chose to see the list: the order of rows and whether partners head their connections. */
export type ListView = Settings['listView'];
export type ListSort = ListView['sort'];
export const DEFAULT_VIEW: ListView = { sort: 'urgency', grouped: true };

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

/** The soonest expiry first, whatever the status; unknown lifetimes last. */
function compareByExpiry(a: ConnectionBrief, b: ConnectionBrief): number {
  return expiryOf(a) - expiryOf(b) || compareByUrgency(a, b);
}

function compareByLabel(a: ConnectionBrief, b: ConnectionBrief): number {
  return a.label.localeCompare(b.label) || compareByUrgency(a, b);
}

/** Within one partner: the chosen order; "partner" keeps urgency, since the partner is the same. */
const CONNECTION_ORDER: Record<ListSort, (a: ConnectionBrief, b: ConnectionBrief) => number> = {
  urgency: compareByUrgency,
  expiry: compareByExpiry,
  partner: compareByUrgency,
  name: compareByLabel,
};

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
 * The rows of the list in the chosen order. Grouped: each partner's row followed by its
 * connections that pass the filter; flat: the connections alone, each naming its partner.
 */
export function buildList(
  partners: readonly PartnerBrief[],
  filter: ListFilter,
  view: ListView = DEFAULT_VIEW,
): ListItem[] {
  const compare = CONNECTION_ORDER[view.sort];
  const groups = filterGroups(partners, filter);
  for (const group of groups) group.connections.sort(compare);
  if (!view.grouped) return flatItems(groups, view.sort, compare);
  const byName = view.sort === 'partner' || view.sort === 'name';
  groups.sort(
    (a, b) =>
      (byName ? 0 : compareFirst(a.connections[0], b.connections[0], compare)) ||
      a.partner.name.localeCompare(b.partner.name),
  );
  const items: ListItem[] = [];
  for (const { partner, connections } of groups) {
    items.push({
      kind: 'partner',
      key: partnerKey(partner.id),
      partner,
      shown: connections.length,
      worst: connections.reduce<ConnectionStatus | null>(
        (worst, c) =>
          worst === null || (URGENCY.get(c.status) ?? 99) < (URGENCY.get(worst) ?? 99) ? c.status : worst,
        null,
      ),
    });
    for (const connection of connections) {
      items.push({ kind: 'connection', key: connectionKey(connection.id), connection, partner });
    }
  }
  return items;
}

type Group = { partner: PartnerBrief; connections: ConnectionBrief[] };

function filterGroups(partners: readonly PartnerBrief[], filter: ListFilter): Group[] {
  const words = queryWords(filter.query);
  const filtering = filter.status !== 'all' || filter.dialect !== 'all';
  const groups: Group[] = [];
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
    if (connections.length > 0 || bareMatch) groups.push({ partner, connections });
  }
  return groups;
}

/** The flat view: connections only (a partner without any has no row), in one order across partners. */
function flatItems(
  groups: Group[],
  sort: ListSort,
  compare: (a: ConnectionBrief, b: ConnectionBrief) => number,
): ListItem[] {
  const items = groups.flatMap(({ partner, connections }) =>
    connections.map((connection) => ({ connection, partner })),
  );
  items.sort(
    sort === 'partner'
      ? (a, b) => a.partner.name.localeCompare(b.partner.name) || compare(a.connection, b.connection)
      : (a, b) => compare(a.connection, b.connection) || a.partner.name.localeCompare(b.partner.name),
  );
  return items.map(({ connection, partner }) => ({
    kind: 'connection',
    key: connectionKey(connection.id),
    connection,
    partner,
  }));
}

function compareFirst(
  a: ConnectionBrief | undefined,
  b: ConnectionBrief | undefined,
  compare: (a: ConnectionBrief, b: ConnectionBrief) => number,
): number {
  if (a && b) return compare(a, b);
  if (a) return -1;
  return b ? 1 : 0;
}

/**
 * The rows of `fresh` in the order the person has been looking at (`shown`, a list of
 * row keys), so nothing moves under the pointer: rows still there keep their places,
 * rows gone are dropped, and a new row goes right after the row it follows in `fresh`.
 */
export function keepOrder(shown: readonly string[], fresh: readonly ListItem[]): ListItem[] {
  const byKey = new Map(fresh.map((item) => [item.key, item]));
  const kept = shown.filter((key) => byKey.has(key));
  const known = new Set(kept);
  const after = new Map<string, string[]>();
  const atStart: string[] = [];
  let previous: string | null = null;
  for (const item of fresh) {
    if (!known.has(item.key)) {
      // Chained: several new rows in a row stay together, in their fresh order.
      if (previous === null) atStart.push(item.key);
      else after.set(previous, [...(after.get(previous) ?? []), item.key]);
    }
    previous = item.key;
  }
  const order: string[] = [];
  const place = (key: string) => {
    order.push(key);
    for (const next of after.get(key) ?? []) place(next);
  };
  for (const key of atStart) place(key);
  for (const key of kept) place(key);
  return order.map((key) => byKey.get(key)!);
}

/** Whether two lists show the same rows in the same order. */
export function sameOrder(a: readonly ListItem[], b: readonly ListItem[]): boolean {
  return a.length === b.length && a.every((item, index) => item.key === b[index]?.key);
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
