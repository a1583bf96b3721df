import type { AuditLog } from '../audit/audit-log';
import type { Catalog } from '../catalog/catalog';
import { TokenTrayError } from '../domain/errors';
import type { ConnectionId } from '../domain/ids';
import type { SecretVault } from './secret-vault';
import type { SecretKind } from '../domain/secret-kinds';
import { PROFILE_SECRETS } from './secret-vault';
import { SECRET_KINDS } from '../domain/secret-kinds';

interface Moved {
  connectionId: ConnectionId;
  kind: SecretKind;
  value: string;
}

/**
 * Moves the secrets older versions kept one per keychain item into the sealed profile:
 * each item is read, sealed, committed and read back, and only then deleted from the
 * keychain. The profile's `keychainItems` says how far it got, so a crash at any step
 * resumes: before the commit everything is read again; after it the keychain is never
 * read again (a renewal may have replaced a value since), only emptied.
 */
export async function migrateKeychainItems(
  catalog: Catalog,
  keychain: SecretVault,
  sealed: SecretVault,
  audit: AuditLog,
): Promise<void> {
  const sealing = catalog.sealing();
  if (!sealing || sealing.keychainItems === 'done') return;
  if (sealing.keychainItems === 'pending') {
    const moved: Moved[] = [];
    for (const connectionId of owners(catalog)) {
      for (const kind of SECRET_KINDS) {
        const value = await keychain.get(connectionId, kind);
        if (value !== null) moved.push({ connectionId, kind, value });
      }
    }
    for (const { connectionId, kind, value } of moved) await sealed.set(connectionId, kind, value);
    catalog.putSealing({ ...sealing, keychainItems: 'deleting' });
    await catalog.commit();
    for (const { connectionId, kind, value } of moved) {
      if ((await sealed.get(connectionId, kind)) !== value) {
        throw new TokenTrayError(
          'migration_unconfirmed',
          'A secret moved from the keychain did not read back the same; the keychain keeps it.',
        );
      }
    }
  }
  for (const connectionId of owners(catalog)) await keychain.deleteAll(connectionId);
  catalog.putSealing({ ...catalog.sealing()!, keychainItems: 'done' });
  audit.append({
    action: 'secretsMigrated',
    outcome: 'info',
    message: 'Secrets kept one per keychain item were sealed into the profile and removed from the keychain.',
  });
  await catalog.commit();
}

/**
 * Whose secrets the keychain may hold: every connection, and the profile itself, whose proxy
 * password was a keychain item too (filed under PROFILE_SECRETS) before secrets were sealed.
 */
function owners(catalog: Catalog): ConnectionId[] {
  return [...catalog.connections().map((connection) => connection.id), PROFILE_SECRETS];
}
