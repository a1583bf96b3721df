import { writeFile } from 'node:fs/promises';
import type { ConnectionSecrets } from '../../../main/core/domain';
import { ConnectionSchema, fingerprint } from '../../../main/core/domain';
import { storeFilePath } from '../../../main/core/store/conf-store';
import { STORE_FILE_MODE } from '../../../main/core/store/store-file';
import type { StoreData } from '../../../main/core/store/schema';
import { createDataKey } from '../../../main/core/vault/data-key';
import { seal } from '../../../main/core/vault/seal';
import type { KeychainItems } from '../../../main/core/vault/secret-vault';
import type { SecretKind } from '../../../main/core/domain/secret-kinds';
import { sealCheck } from '../../../main/core/vault/unlock-profile';
import type { Simulator } from '../../simulator/simulator';
import { connectionFor } from '../../support/connection-for';
import { bigStoreData } from '../planner/big-catalog';
import { seededRandom } from '../scheduler/due-times';
import { ACCESS_LIFETIME_SEC, dialectAt } from './dialect-mix';

const SEALED_KINDS = ['clientSecret', 'refreshToken', 'accessToken'] as const satisfies readonly SecretKind[];

export interface SealedProfile {
  /** The connections whose accounts are on the simulator, with an hour's token issued at `now`. */
  liveIds: string[];
  accountKeys: string[];
}

/**
 * Writes a profile as this version keeps it, without the app's per-connection path: `count`
 * connections (the planner benchmark's catalog, due in weeks), of which the first `live` renew
 * against `simulator` with an hour's token issued at `now`. Every connection's secrets are sealed
 * in the file with a data key made in `keychain` (one item), so the profile holds what a real one
 * of that size holds and start-up reads the key once.
 */
export async function writeSealedProfile(
  directory: string,
  options: { count: number; live: number; now: number; simulator: Simulator; keychain: KeychainItems },
): Promise<SealedProfile> {
  const { count, live, now, simulator, keychain } = options;
  const data: StoreData = bigStoreData(count, now, seededRandom(count));
  const profileId = `bench-sealed-${count}`;
  const key = await createDataKey(keychain, profileId, 1);
  data.sealing = { ...data.sealing!, profileId, check: sealCheck(key, 1, profileId) };
  const sealed = (connectionId: string, kind: SecretKind, secret: string) =>
    seal(key, 1, { profileId, connectionId, kind }, secret);

  const liveIds: string[] = [];
  const accountKeys: string[] = [];
  for (const connection of Object.values(data.connections)) {
    const index = liveIds.length;
    let secrets: ConnectionSecrets;
    if (index < live) {
      const provisioned = simulator.provision(dialectAt(index), { accessLifetimeSec: ACCESS_LIFETIME_SEC });
      const form = connectionFor(provisioned, connection.partnerId);
      data.connections[connection.id] = ConnectionSchema.parse({
        ...connection,
        ...form.input,
        label: `${form.input.label} ${index}`,
      });
      secrets = form.secrets;
      const token = data.tokens[`token-${connection.id.slice('connection-'.length)}`]!;
      Object.assign(token, {
        issuedAt: now,
        expiresAt: now + ACCESS_LIFETIME_SEC * 1000,
        fingerprint: fingerprint(provisioned.accessToken),
      });
      data.states[connection.id]!.lastRenewedAt = now;
      liveIds.push(connection.id);
      accountKeys.push(provisioned.key);
    } else {
      // Secrets of the size partners issue, never sent anywhere: these connections are not due.
      secrets = {
        clientSecret: `client-secret-${connection.id}-${'s'.repeat(24)}`,
        refreshToken: `refresh-${connection.id}-${'r'.repeat(40)}`,
        accessToken: `access-${connection.id}-${'a'.repeat(600)}`,
      };
    }
    const kinds: Partial<Record<SecretKind, string>> = {};
    for (const kind of SEALED_KINDS) {
      const secret = secrets[kind];
      if (typeof secret === 'string') kinds[kind] = sealed(connection.id, kind, secret);
    }
    data.secrets[connection.id] = kinds;
  }
  key.fill(0);
  await writeFile(storeFilePath({ directory }), JSON.stringify(data, undefined, '\t'), {
    mode: STORE_FILE_MODE,
  });
  return { liveIds, accountKeys };
}
