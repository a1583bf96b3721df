import type { ConnectionBrief, ListSnapshot } from '../core/api/api-contract';
import { CommandFailure, EXIT } from './exit-codes';

export interface NamedConnection {
  connection: ConnectionBrief;
  partnerName: string;
  /** "partner/label": how `list` names it and how a script may. */
  name: string;
}

/** Every connection with the name `list` prints for it. */
export function namedConnections(snapshot: ListSnapshot): NamedConnection[] {
  return snapshot.partners.flatMap((partner) =>
    partner.connections.map((connection) => ({
      connection,
      partnerName: partner.name,
      name: `${partner.name}/${connection.label}`,
    })),
  );
}

/**
 * A connection named by its id, by "partner/label", by its label, or by a unique
 * prefix of any of those (case does not matter for names). The first rule that
 * matches exactly one connection wins; two or more matches are ambiguous.
 */
export function findConnection(snapshot: ListSnapshot, query: string): NamedConnection {
  const all = namedConnections(snapshot);
  const wanted = query.trim().toLowerCase();
  const rules: Array<(c: NamedConnection) => boolean> = [
    (c) => c.connection.id === query,
    (c) => c.name.toLowerCase() === wanted,
    (c) => c.connection.label.toLowerCase() === wanted,
    (c) =>
      c.connection.id.startsWith(query) ||
      c.name.toLowerCase().startsWith(wanted) ||
      c.connection.label.toLowerCase().startsWith(wanted),
  ];
  for (const rule of rules) {
    const matches = all.filter(rule);
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) {
      throw new CommandFailure(
        EXIT.ambiguous,
        [
          `"${query}" matches ${matches.length} connections; name one of them:`,
          ...matches.map(describe),
        ].join('\n'),
      );
    }
  }
  throw new CommandFailure(
    EXIT.notFound,
    [
      `No connection is named "${query}".`,
      ...(all.length ? ['Connections:', ...all.map(describe)] : []),
    ].join('\n'),
  );
}

function describe(c: NamedConnection): string {
  return `  ${c.connection.id}  ${c.name}`;
}
