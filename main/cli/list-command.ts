import type { ListSnapshot } from '../core/api/api-contract';
import { namedConnections } from './find-connection';
import { isoOrNull, timeLeft } from './time-text';

/** One connection as `list --json` prints it: times as ISO 8601, never a secret. */
export interface ListedConnection {
  id: string;
  name: string;
  partner: string;
  label: string;
  dialect: string;
  status: string;
  fingerprint: string | null;
  expiresAt: string | null;
  nextRenewalAt: string | null;
}

export function listedConnections(snapshot: ListSnapshot): ListedConnection[] {
  return namedConnections(snapshot).map(({ connection, partnerName, name }) => ({
    id: connection.id,
    name,
    partner: partnerName,
    label: connection.label,
    dialect: connection.dialect,
    status: connection.status,
    fingerprint: connection.token?.fingerprint ?? null,
    expiresAt: isoOrNull(connection.token?.expiresAt),
    nextRenewalAt: isoOrNull(connection.nextRenewalAt),
  }));
}

/** Aligned columns for people: status, time left, name, id. */
export function listText(snapshot: ListSnapshot, now: number): string {
  const rows = namedConnections(snapshot).map(({ connection, name }) => [
    connection.status,
    connection.token ? timeLeft(connection.token.expiresAt, now) : 'no token',
    name,
    connection.id,
  ]);
  if (rows.length === 0) return 'No connections yet.';
  const header = ['STATUS', 'EXPIRES', 'NAME', 'ID'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
