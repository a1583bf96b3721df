import type { AuditLog } from '../audit/audit-log';
import type { Catalog } from '../catalog/catalog';
import { KeychainUnavailableError, TokenTrayError } from '../domain/errors';
import type { ConnectionId } from '../domain/ids';
import type { Keychain, SecretVault } from './secret-vault';
import type { SecretKind } from '../domain/secret-kinds';
import { PROFILE_SECRETS } from './secret-vault';
import { SECRET_KINDS } from '../domain/secret-kinds';
import { accountName } from './keytar-vault';

/** Where an old item is filed: the connection (or the profile) and the kind of secret. */
export interface OldItemPlace {
  connectionId: ConnectionId;
  kind: SecretKind;
}

interface Moved extends OldItemPlace {
  value: string;
}

/**
 * Moves the secrets older versions kept one per keychain item into the sealed profile:
 * each item is read, sealed, committed and read back. Only then does the profile's
 * `keychainItems` say `deleting` (a second commit), and `removeKeychainItems` empties the
 * keychain. A crash or a value that does not read back before that reads everything again at
 * the next start; after it the keychain is never read again (a renewal may have replaced a
 * value since), only emptied.
 *
 * One call reads the items that exist: a call per item cost a Secret Service round trip each,
 * 11 ms apiece for 2,000 connections in gnome-keyring, and asking for every kind of every
 * connection, most of them never there, cost more.
 *
 * Returns where the old items it read are filed (null when there was nothing to move), so that
 * `removeKeychainItems` in the same run deletes them without listing the keychain again.
 */
export async function sealKeychainItems(
  catalog: Catalog,
  keychain: Keychain,
  sealed: SecretVault,
): Promise<OldItemPlace[] | null> {
  const sealing = catalog.sealing();
  if (!sealing || sealing.keychainItems !== 'pending') return null;
  const moved = await readOldItems(catalog, keychain);
  for (const { connectionId, kind, value } of moved) await sealed.set(connectionId, kind, value);
  // On disk first, still `pending`: a crash from here on reads the items again at the next start.
  await catalog.commit();
  for (const { connectionId, kind, value } of moved) {
    // Thrown before `deleting` is recorded, so nothing deletes the old items: the profile stays locked.
    if ((await readBack(sealed, connectionId, kind)) !== value) {
      throw new TokenTrayError(
        'migration_unconfirmed',
        'A secret moved from the keychain did not read back the same; the keychain keeps it.',
      );
    }
  }
  catalog.putSealing({ ...sealing, keychainItems: 'deleting' });
  await catalog.commit();
  return moved.map(({ connectionId, kind }) => ({ connectionId, kind }));
}

/**
 * Deletes the old items once their secrets are sealed and committed. It needs none of them
 * any more, so it runs while the profile renews: on a keyring kept on disk each deletion
 * rewrites the keyring file, minutes for thousands of items. Left unfinished (a crash, a
 * keychain that refused), the next start lists the names again and goes on.
 *
 * `read` is what `sealKeychainItems` read in this run: those are the items, and listing them again
 * would fetch every secret of the service a second time (about 6 s at 2,000 items). A start that
 * finds the deletions left unfinished has not read them, and lists them.
 */
export async function removeKeychainItems(
  catalog: Catalog,
  keychain: Keychain,
  audit: AuditLog,
  read?: readonly OldItemPlace[] | null,
): Promise<void> {
  if (catalog.sealing()?.keychainItems !== 'deleting') return;
  // The names only, never the values, which the profile now holds.
  for (const { connectionId, kind } of read ?? (await oldItems(catalog, keychain)).places) {
    await keychain.delete(connectionId, kind);
  }
  // One listing reads back what is left, which is next to nothing: a keychain that kept an item
  // must not be taken as emptied.
  const left = await oldItems(catalog, keychain);
  if ((left.listed ? left.places : await stillThere(keychain, left.places)).length > 0) {
    throw new TokenTrayError(
      'keychain_delete_incomplete',
      'The keychain kept secrets of this profile after deleting them.',
      [
        'Restart TokenTray to try again. If it keeps failing, remove the old TokenTray entries in your keychain app.',
      ],
    );
  }
  catalog.putSealing({ ...catalog.sealing()!, keychainItems: 'done' });
  audit.append({
    action: 'secretsMigrated',
    outcome: 'info',
    message: 'Secrets kept one per keychain item were sealed into the profile and removed from the keychain.',
  });
  await catalog.commit();
}

/**
 * The secrets of the old items, read in one call. A keychain that cannot (reading every item of
 * the service may time out on a very large one) is asked item by item for those it lists, or
 * for every place when it cannot list them either.
 */
async function readOldItems(catalog: Catalog, keychain: Keychain): Promise<Moved[]> {
  const candidates = candidatePlaces(catalog);
  try {
    const values = await keychain.readAccounts([...candidates.keys()]);
    return [...values].flatMap(([account, value]) => {
      const place = candidates.get(account);
      return place ? [{ ...place, value }] : [];
    });
  } catch (error) {
    if (!(error instanceof KeychainUnavailableError)) throw error;
  }
  const moved: Moved[] = [];
  for (const { connectionId, kind } of (await oldItems(catalog, keychain)).places) {
    const value = await keychain.get(connectionId, kind);
    if (value !== null) moved.push({ connectionId, kind, value });
  }
  return moved;
}

/** Every account an old item of this profile may be filed under, and its place. */
function candidatePlaces(catalog: Catalog): Map<string, OldItemPlace> {
  const byAccount = new Map<string, OldItemPlace>();
  const owners = [...catalog.connections().map((connection) => connection.id), PROFILE_SECRETS];
  for (const connectionId of owners) {
    for (const kind of SECRET_KINDS) byAccount.set(accountName(connectionId, kind), { connectionId, kind });
  }
  return byAccount;
}

/**
 * The old items the keychain holds for the profile's connections, and for the profile itself,
 * whose proxy password was a keychain item too (filed under PROFILE_SECRETS) before secrets were
 * sealed. Other accounts of the service (the data key's) are left alone. A keychain that cannot
 * list them (a listing reads every item of the service and may time out on a very large one) is
 * asked for every place instead, as before: slower, never stuck.
 */
async function oldItems(
  catalog: Catalog,
  keychain: Keychain,
): Promise<{ places: OldItemPlace[]; listed: boolean }> {
  const byAccount = candidatePlaces(catalog);
  let accounts: string[];
  try {
    accounts = await keychain.listAccounts();
  } catch (error) {
    if (!(error instanceof KeychainUnavailableError)) throw error;
    return { places: [...byAccount.values()], listed: false };
  }
  const places: OldItemPlace[] = [];
  for (const account of accounts) {
    const place = byAccount.get(account);
    if (place) places.push(place);
  }
  return { places, listed: true };
}

/** The places that still hold an item, asked one by one. */
async function stillThere(keychain: Keychain, places: OldItemPlace[]): Promise<OldItemPlace[]> {
  const kept: OldItemPlace[] = [];
  for (const place of places) {
    if ((await keychain.get(place.connectionId, place.kind)) !== null) kept.push(place);
  }
  return kept;
}

/** A sealed value that does not open reads back as nothing: the same refusal as a different value. */
async function readBack(
  sealed: SecretVault,
  connectionId: ConnectionId,
  kind: SecretKind,
): Promise<string | null> {
  try {
    return await sealed.get(connectionId, kind);
  } catch {
    return null;
  }
}
