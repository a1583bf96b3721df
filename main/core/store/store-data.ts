import type { MetadataStore } from './metadata-store';
import { migrateStoreData } from './migrations';
import type { StoreData, StoreSection } from './schema';
import { STORE_SECTIONS, StoreDataSchema } from './schema';

/**
 * Reads every section and validates it. Throws `StoreCorruptError` naming the
 * store's file, or `StoreTooNewError`; an older version read here is upgraded
 * and written back.
 */
export function loadStoreData(store: MetadataStore<StoreData>): StoreData {
  const opened = store.takeOpenedData?.();
  if (opened) return opened;
  const { data, migratedFrom } = migrateStoreData(store.readAll(), store.path);
  if (migratedFrom !== null) saveStoreData(store, data);
  return data;
}

/** Validates before writing: a value the next start-up could not read never reaches the file. */
export function saveStoreSection<K extends StoreSection>(
  store: MetadataStore<StoreData>,
  section: K,
  value: StoreData[K],
): void {
  const schema = StoreDataSchema.shape[section];
  store.set(section, schema.parse(value) as StoreData[K]);
}

export function saveStoreData(store: MetadataStore<StoreData>, data: StoreData): void {
  const valid = StoreDataSchema.parse(data);
  for (const section of STORE_SECTIONS) store.set(section, valid[section]);
}
