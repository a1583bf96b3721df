import type { Catalog } from '../catalog/catalog';
import type { JournalOp } from '../store/journal-records';
import { EVERY_CONNECTION } from '../store/journal-records';
import type { StoreData } from '../store/schema';
import type { SecretKind } from '../domain/secret-kinds';
import { opConnection } from './workspace-ops';

/**
 * The changes that turn the catalog into the workspace as just read, for an instance that fell
 * behind the changes the workspace still keeps: every record put again, those gone deleted, the
 * sealed secrets replaced. History is not replayed: the lines missed stay in the database.
 */
export function resyncOps(catalog: Catalog, data: StoreData): JournalOp[] {
  const ops: JournalOp[] = [];
  for (const partner of catalog.partners()) {
    if (!data.partners[partner.id]) ops.push({ delete: 'partners', id: partner.id });
  }
  for (const connection of catalog.connections()) {
    if (!data.connections[connection.id]) ops.push({ delete: 'connections', id: connection.id });
    for (const token of catalog.tokensOf(connection.id)) {
      if (!data.tokens[token.id]) ops.push({ delete: 'tokens', id: token.id });
    }
  }
  for (const value of Object.values(data.partners)) ops.push({ put: 'partners', value });
  for (const value of Object.values(data.connections)) ops.push({ put: 'connections', value });
  for (const value of Object.values(data.tokens)) ops.push({ put: 'tokens', value });
  for (const value of Object.values(data.states)) ops.push({ put: 'states', value });
  ops.push({ dropSecrets: EVERY_CONNECTION });
  for (const [connectionId, kinds] of Object.entries(data.secrets)) {
    for (const [kind, value] of Object.entries(kinds)) {
      ops.push({ seal: connectionId, kind: kind as SecretKind, value });
    }
  }
  if (data.settings) ops.push({ settings: data.settings });
  if (data.sealing) ops.push({ sealing: data.sealing });
  return ops;
}

/**
 * The changes that turn one connection's renewal state (its state, tokens and sealed secrets)
 * into the workspace's, for an instance whose own changes to it the workspace refused.
 */
export function resyncConnectionOps(catalog: Catalog, data: StoreData, connectionId: string): JournalOp[] {
  const ops: JournalOp[] = catalog
    .tokensOf(connectionId)
    .filter((token) => !data.tokens[token.id])
    .map((token) => ({ delete: 'tokens', id: token.id }));
  ops.push({ dropSecrets: connectionId });
  const all = resyncOps(catalog, data).filter(
    (op) => !('dropSecrets' in op) && !('delete' in op) && !('audit' in op),
  );
  ops.push(...all.filter((op) => opConnection(op) === connectionId));
  return ops;
}
