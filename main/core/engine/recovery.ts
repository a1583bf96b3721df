import { StorageError } from '../store/storage-failure';
import { fingerprint } from '../domain';
import { SealedValueUnreadableError } from '../vault/seal';
import type { AuditLog } from '../audit/audit-log';
import type { Catalog } from '../catalog/catalog';
import type { SecretVault } from '../vault/secret-vault';
import type { RenewalPlanner } from './renewal-planner';

/** The parts of the core a recovery touches (the services' context has them all). */
interface RecoveryParts {
  catalog: Catalog;
  vault: SecretVault;
  audit: AuditLog;
  planner: RenewalPlanner;
}

/**
 * A renewal whose in-flight marker survived means the process died mid-renewal.
 * Finish the keychain half if the new refresh token made it, then renew again
 * first thing: where the server had rotated and the write was lost, its grace
 * window (if any) still accepts the old token; otherwise the connection ends in
 * "needs action" with re-add guidance, never silently broken.
 */
export async function recoverInterruptedRenewals(context: RecoveryParts): Promise<string[]> {
  const { catalog, vault, audit } = context;
  const recovered: string[] = [];
  for (const connection of catalog.connections()) {
    const marker = catalog.state(connection.id).inFlight;
    if (!marker) continue;
    const read = await Promise.all([
      vault.get(connection.id, 'refreshToken'),
      vault.get(connection.id, 'previousRefreshToken'),
    ]).catch((error: unknown) => {
      // A damaged value: the recovery renewal below reads it again and says so on this connection alone.
      if (error instanceof SealedValueUnreadableError) return null;
      throw error;
    });
    if (read === null) {
      context.planner.recover(connection.id);
      recovered.push(connection.id);
      continue;
    }
    const [current, previous] = read;
    const rotationWritten = current !== null && fingerprint(current) !== marker.refreshFingerprint;
    let stored = current;
    if (previous !== null && (rotationWritten || current === previous)) {
      await vault.delete(connection.id, 'previousRefreshToken');
    } else if (previous !== null && current === null) {
      // The crash fell between keeping the old token aside and writing the new one: put the old one back.
      await vault.set(connection.id, 'refreshToken', previous);
      stored = previous;
    }
    // The marker stays (now naming the stored token) until the renewal below replaces it: a second crash before then recovers again.
    const inFlight = { ...marker, refreshFingerprint: stored === null ? null : fingerprint(stored) };
    catalog.updateState(connection.id, { phase: 'idle', inFlight });
    audit.append({
      action: 'recovered',
      outcome: 'info',
      partnerId: connection.partnerId,
      connectionId: connection.id,
      message: 'TokenTray stopped during a renewal; renewing again to make sure the stored token works.',
    });
    context.planner.recover(connection.id);
    recovered.push(connection.id);
  }
  try {
    await catalog.commit();
  } catch (error) {
    // A full disk at start-up: the markers stay as they were on disk, the storage state says so,
    // and each recovery renewal waits for its marker to be saved before it sends.
    if (!(error instanceof StorageError)) throw error;
  }
  return recovered;
}
