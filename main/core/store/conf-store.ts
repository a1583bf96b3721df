import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Conf from 'conf';
import type { Options } from 'conf';
import type { MetadataStore } from './metadata-store';
import type { StoreData } from './schema';
import { emptyStoreData } from './schema';
import { recordCheckedText } from './checked-text';
import type { PreparedStoreFile } from './store-file';
import { handOverOnce, prepareStoreFile, serializeStore, STORE_FILE_MODE } from './store-file';

export interface ConfStoreLocation {
  /** The profile directory. */
  directory: string;
  /** The file name without `.json`; `tokentray` unless given. */
  name?: string;
}

export type ConfStore = MetadataStore<StoreData> & {
  /** The data version the file was upgraded from when it was opened, or null. */
  readonly migratedFrom: number | null;
};

export const DEFAULT_STORE_NAME = 'tokentray';

export function storeFilePath(location: ConfStoreLocation): string {
  return join(location.directory, `${location.name ?? DEFAULT_STORE_NAME}.json`);
}

/**
 * The options both conf and electron-store are given, so both read and write the
 * same file. Our own versioning (migrations.ts) replaces conf's projectVersion
 * migrations, and an invalid file is reported, never cleared. Opened on a file that
 * held exactly checked data, every text written is recorded as checked: conf's store
 * is then that data and the catalog's changes, each checked or built by the core.
 */
export function confStoreOptions(
  location: ConfStoreLocation,
  prepared?: Pick<PreparedStoreFile, 'checked'>,
): Partial<Options<StoreData>> {
  const storePath = storeFilePath(location);
  return {
    serialize: (value) => {
      const text = serializeStore(value);
      if (prepared?.checked) recordCheckedText(storePath, text);
      return text;
    },
    cwd: location.directory,
    configName: location.name ?? DEFAULT_STORE_NAME,
    fileExtension: 'json',
    defaults: emptyStoreData(),
    configFileMode: STORE_FILE_MODE,
    // Sections are whole keys; ids may hold dots.
    accessPropertiesByDotNotation: false,
    clearInvalidConfig: false,
    watch: false,
  };
}

/**
 * Opens the metadata store of a profile on conf. Throws `StoreCorruptError`
 * (the file copied aside, untouched) or `StoreTooNewError` instead of losing data.
 */
export function openConfStore(location: ConfStoreLocation): ConfStore {
  mkdirSync(location.directory, { recursive: true, mode: 0o700 });
  const prepared = prepareStoreFile(storeFilePath(location));
  // Made at the first read or write, not here: conf's constructor parses the whole file again, and
  // start-up already holds it, checked, from prepareStoreFile (on a large profile that second copy
  // was a tenth of the resident memory and a few hundred milliseconds before the first answer).
  let opened: Conf<StoreData> | undefined;
  const conf = () => (opened ??= new Conf<StoreData>(confStoreOptions(location, prepared)));
  return {
    path: resolve(storeFilePath(location)),
    migratedFrom: prepared.migratedFrom,
    get: (key) => conf().get(key),
    set: (key, value) => conf().set(key, value),
    setMany: (values) => conf().set(values),
    readAll: () => conf().store,
    takeOpenedData: handOverOnce(prepared),
    openedDamage: prepared.damage,
  };
}
