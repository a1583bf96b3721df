import { mkdirSync } from 'node:fs';
import ElectronStore from 'electron-store';
import { CheckedWrites, confStoreOptions, DEFAULT_STORE_NAME, storeFilePath } from '../core/store/conf-store';
import type { MetadataStore } from '../core/store/metadata-store';
import type { StoreData } from '../core/store/schema';
import { handOverOnce, prepareStoreFile } from '../core/store/store-file';

/**
 * The metadata store of the app: electron-store on the same file, with the same
 * options, as the browser host's conf store. The file is checked and upgraded
 * before electron-store opens it (StoreCorruptError / StoreTooNewError otherwise).
 */
export function openAppStore(directory: string): MetadataStore<StoreData> {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const prepared = prepareStoreFile(storeFilePath({ directory }));
  const written = new CheckedWrites(storeFilePath({ directory }), prepared);
  const store = new ElectronStore<StoreData>({
    ...confStoreOptions({ directory }, written),
    // electron-store names the file from `name` (default "config") and overrides conf's configName.
    name: DEFAULT_STORE_NAME,
  });
  return {
    path: store.path,
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    setMany: (values, options) => written.during(values, options?.checked, () => store.set(values)),
    readAll: () => store.store,
    takeOpenedData: handOverOnce(prepared),
    openedDamage: prepared.damage,
  };
}
