import type { MetadataStore } from './metadata-store';
import { migrateStoreData } from './migrations';
import type { StoreData } from './schema';
import { STORE_SECTIONS, StoreDataSchema } from './schema';
import type { OpenedDamage } from './store-file';
import { copyAside } from './store-file';

/**
 * Reads every section and validates it. Throws `StoreCorruptError` naming the
 * store's file, or `StoreTooNewError`; an older version read here is upgraded
 * and written back.
 */
export function loadStoreData(store: MetadataStore<StoreData>): StoreData {
  return loadProfileData(store).data;
}

/** The data with the records that failed validation left out, and those records with where the file was copied. */
export function loadProfileData(
  store: MetadataStore<StoreData>,
  now: () => number = Date.now,
): { data: StoreData; damage: OpenedDamage } {
  const opened = store.takeOpenedData?.();
  if (opened) return { data: opened, damage: store.openedDamage ?? { entries: [], copyPath: null } };
  const { data, migratedFrom, damaged } = migrateStoreData(store.readAll(), store.path);
  const damage = { entries: damaged, copyPath: damaged.length > 0 ? copyAside(store.path, now) : null };
  if (migratedFrom !== null) saveStoreData(store, data);
  return { data, damage };
}

/** Validates before writing: a value the next start-up could not read never reaches the file. */
export function saveStoreData(store: MetadataStore<StoreData>, data: StoreData): void {
  const valid = StoreDataSchema.parse(data);
  for (const section of STORE_SECTIONS) store.set(section, valid[section]);
}
