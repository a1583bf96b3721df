import { randomBytes, timingSafeEqual } from 'node:crypto';
import { TokenTrayError } from '../domain/errors';
import type { KeychainItems } from './secret-vault';

/** AES-256: 256 random bits. */
export const DATA_KEY_BYTES = 32;

/** The keychain account that holds one version of a profile's data key (base64). */
export function dataKeyAccount(profileId: string, version: number): string {
  return `data-key/${profileId}/v${version}`;
}

/** The keychain holds something under the data key's name that is no 256-bit key. */
export class DamagedDataKeyError extends TokenTrayError {
  constructor() {
    super('data_key_damaged', "The keychain's TokenTray data key is damaged.");
    this.name = 'DamagedDataKeyError';
  }
}

/**
 * Reads one version of the profile's data key: null when the keychain holds none.
 * Rejects with `KeychainUnavailableError` when no keychain answers.
 */
export async function readDataKey(
  keychain: KeychainItems,
  profileId: string,
  version: number,
): Promise<Buffer | null> {
  const stored = await keychain.readItem(dataKeyAccount(profileId, version));
  if (stored === null) return null;
  const key = Buffer.from(stored, 'base64');
  if (key.length !== DATA_KEY_BYTES) throw new DamagedDataKeyError();
  return key;
}

/** A new random data key, stored under its version and read back before anyone seals with it. */
export async function createDataKey(
  keychain: KeychainItems,
  profileId: string,
  version: number,
): Promise<Buffer> {
  const key = randomBytes(DATA_KEY_BYTES);
  await keychain.writeItem(dataKeyAccount(profileId, version), key.toString('base64'));
  const kept = await readDataKey(keychain, profileId, version);
  if (!kept || !timingSafeEqual(kept, key)) {
    throw new TokenTrayError('keychain_write_unconfirmed', 'The keychain did not keep the new data key.', [
      'Try again. If it keeps failing, check that your keychain is unlocked and has room.',
    ]);
  }
  return key;
}

export function deleteDataKey(keychain: KeychainItems, profileId: string, version: number): Promise<void> {
  return keychain.deleteItem(dataKeyAccount(profileId, version));
}

/**
 * The profile's data keys in main-process memory, by version. Only the current one seals;
 * an older one still opens what it sealed until a rotation has re-sealed and committed it all.
 */
export class DataKeyRing {
  // `#` rather than `private`: util.inspect and console.log never show these fields, so no key reaches a log.
  readonly #keys = new Map<number, Buffer>();
  #current: number | null = null;

  /** The version new values are sealed with, or null while the profile is locked. */
  get currentVersion(): number | null {
    return this.#current;
  }

  currentKey(): { version: number; key: Buffer } | null {
    if (this.#current === null) return null;
    const key = this.#keys.get(this.#current);
    return key ? { version: this.#current, key } : null;
  }

  key(version: number): Buffer | undefined {
    return this.#keys.get(version);
  }

  add(version: number, key: Buffer, options: { current: boolean }): void {
    this.#keys.set(version, key);
    if (options.current) this.#current = version;
  }

  forget(version: number): void {
    this.#keys.get(version)?.fill(0);
    this.#keys.delete(version);
    if (this.#current === version) this.#current = null;
  }

  /** Wipes every key from memory (on stop, or before a start-over replaces them). */
  clear(): void {
    for (const version of [...this.#keys.keys()]) this.forget(version);
  }

  /** Never printed: a key ring in a log or a serialized object shows no key. */
  toJSON(): string {
    return '[data keys]';
  }
}
