import type { AuditLog } from '../audit/audit-log';
import type { Catalog } from '../catalog/catalog';
import type { ConnectionId } from '../domain';
import type { Clock } from '../domain/clock';
import type { RenewalEngine } from '../engine/renewal-engine';
import type { RenewalPlanner } from '../engine/renewal-planner';
import type { HttpClient } from '../http/http-client';
import type { InventoriedVault } from '../vault/secret-vault';

/** What the core's services share; built once in app.ts. */
export interface CoreContext {
  catalog: Catalog;
  vault: InventoriedVault;
  http: HttpClient;
  clock: Clock;
  audit: AuditLog;
  engine: RenewalEngine;
  planner: RenewalPlanner;
  changed(connectionIds: ConnectionId[]): void;
}
