import { guidanceFor, needsActionState } from '../domain';
import type { DataKeyRing } from '../vault/data-key';
import { createDataKey, deleteDataKey } from '../vault/data-key';
import type { KeychainItems } from '../vault/secret-vault';
import { sealCheck } from '../vault/unlock-profile';
import type { CoreContext } from './core-context';

/**
 * A new data key replaces one that is lost, only because the person chose it: the sealed
 * secrets nobody can open any more are cleared and every connection asks for its
 * credentials again, keeping its settings and history. The new key is a new version, so
 * the old keychain item is never overwritten before the new profile state is committed.
 */
export async function startOver(
  context: CoreContext,
  keychain: KeychainItems,
  keys: DataKeyRing,
): Promise<void> {
  const { catalog, audit, clock } = context;
  const sealing = catalog.sealing();
  if (!sealing) throw new Error('A profile starts over only once it has a data key');
  const lostVersion = sealing.keyVersion;
  const keyVersion = Math.max(lostVersion, sealing.rotatingTo ?? 0) + 1;
  const key = await createDataKey(keychain, sealing.profileId, keyVersion);

  catalog.dropEverySealedSecret();
  catalog.putSealing({
    ...sealing,
    keyVersion,
    check: sealCheck(key, keyVersion, sealing.profileId),
    keychainItems: 'done',
    rotatingTo: null,
    retiredVersion: null,
  });
  const reason = 'needs_credentials' as const;
  const guidance = guidanceFor(reason);
  for (const connection of catalog.connections()) {
    catalog.updateState(connection.id, {
      ...needsActionState(reason, guidance[0]!, clock.now()),
      attempt: 0,
      nextAttemptAt: null,
      inFlight: null,
    });
  }
  audit.append({
    action: 'startedOver',
    outcome: 'info',
    message: 'Started over with a new data key; every connection needs its credentials again.',
  });
  await catalog.commit();

  keys.clear();
  keys.add(keyVersion, key, { current: true });
  // The lost key's item, where one is left (a key that did not open the profile), has no use now.
  await deleteDataKey(keychain, sealing.profileId, lostVersion).catch(() => undefined);
}
