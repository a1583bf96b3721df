import type { AuditLog } from '../audit/audit-log';
import type { Catalog } from '../catalog/catalog';
import type { DataKeyRing } from './data-key';
import { createDataKey, deleteDataKey } from './data-key';
import { open, seal, sealedVersion } from './seal';
import { SecretsLockedError } from './sealed-vault';
import type { KeychainItems } from './secret-vault';
import { sealCheck } from './unlock-profile';

/**
 * Re-seals every secret under a new data key. The rotation is announced in the profile
 * first, then the new key is stored, then every value is re-sealed and committed with the
 * new version in one journal record: until that commit the old key opens everything, and
 * a crash before it leaves the old key in use (start-up drops the unfinished rotation).
 * The old key's keychain item goes last.
 */
export async function rotateDataKey(
  catalog: Catalog,
  keychain: KeychainItems,
  keys: DataKeyRing,
  audit: AuditLog,
): Promise<number> {
  const sealing = catalog.sealing();
  const current = keys.currentKey();
  if (!sealing || !current) throw new SecretsLockedError();
  const { profileId } = sealing;
  const next = Math.max(current.version, sealing.rotatingTo ?? 0) + 1;
  catalog.putSealing({ ...sealing, rotatingTo: next });
  await catalog.commit();
  const key = await createDataKey(keychain, profileId, next);

  // From here to the record below nothing awaits: no renewal writes between reading and re-sealing.
  keys.add(next, key, { current: false });
  for (const { connectionId, kind, value } of catalog.sealedSecrets()) {
    const version = sealedVersion(value);
    const oldKey = version === null ? undefined : keys.key(version);
    // A damaged value stays as it is: it says so on its connection, and no rotation can mend it.
    if (!oldKey) continue;
    let secret: string;
    try {
      secret = open(oldKey, { profileId, connectionId, kind }, value);
    } catch {
      continue;
    }
    catalog.putSealedSecret(connectionId, kind, seal(key, next, { profileId, connectionId, kind }, secret));
  }
  catalog.putSealing({
    ...sealing,
    keyVersion: next,
    check: sealCheck(key, next, profileId),
    rotatingTo: null,
    retiredVersion: current.version,
  });
  keys.add(next, key, { current: true });
  audit.append({
    action: 'keyRotated',
    outcome: 'info',
    message: `Secrets re-sealed under data key version ${next}.`,
  });
  await catalog.commit();

  keys.forget(current.version);
  await retireOldKey(catalog, keychain);
  return next;
}

/**
 * Finishes what a rotation left behind: the replaced key's item once the rotation is
 * committed, or the new key's item when the rotation never was. Best effort: a keychain
 * that fails here leaves an unused item to the next start.
 */
export async function retireOldKey(catalog: Catalog, keychain: KeychainItems): Promise<void> {
  const sealing = catalog.sealing();
  if (!sealing) return;
  const leftover = sealing.rotatingTo ?? sealing.retiredVersion;
  if (leftover === null || leftover === sealing.keyVersion) return;
  try {
    await deleteDataKey(keychain, sealing.profileId, leftover);
  } catch {
    return;
  }
  catalog.putSealing({ ...catalog.sealing()!, rotatingTo: null, retiredVersion: null });
  await catalog.commit();
}
