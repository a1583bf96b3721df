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
  written?: CheckedWrites,
): Partial<Options<StoreData>> {
  return {
    ...confFileOptions(location.directory, location.name ?? DEFAULT_STORE_NAME),
    ...(written && { serialize: (value: StoreData) => written.serialize(value) }),
    defaults: emptyStoreData(),
  };
}

/** How TokenTray's conf files are kept: owner-only, whole keys, reported rather than cleared when invalid. */
export function confFileOptions(directory: string, configName: string) {
  return {
    cwd: directory,
    configName,
    fileExtension: 'json',
    configFileMode: STORE_FILE_MODE,
    // Sections are whole keys; ids may hold dots.
    accessPropertiesByDotNotation: false,
    clearInvalidConfig: false,
    watch: false,
  } satisfies Partial<Options<Record<string, unknown>>>;
}

/**
 * Records as checked what conf or electron-store writes during `setMany(values, { checked: true })`,
 * when the store was opened on a file that held exactly checked data and the text written holds
 * nothing but those values (conf merges them into the file as it finds it on disk, which a person
 * may have edited meanwhile: such a text is left unrecorded, and the next start validates it).
 */
export class CheckedWrites {
  private values: Record<string, unknown> | null = null;

  constructor(
    private readonly storePath: string,
    private readonly opened: Pick<PreparedStoreFile, 'checked'>,
  ) {}

  /** Runs `write` (the store's set), recording its text as checked where it may be. */
  during(values: object, checked: boolean | undefined, write: () => void): void {
    this.values = checked && this.opened.checked ? (values as Record<string, unknown>) : null;
    try {
      write();
    } finally {
      this.values = null;
    }
  }

  serialize(value: StoreData): string {
    const text = serializeStore(value);
    const values = this.values;
    if (
      values &&
      Object.keys(value).every((key) => Object.is((value as Record<string, unknown>)[key], values[key]))
    ) {
      // Before the file is replaced: a crash between the two leaves a digest that matches no file.
      recordCheckedText(this.storePath, text);
    }
    return text;
  }
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
  const written = new CheckedWrites(storeFilePath(location), prepared);
  const conf = () => (opened ??= new Conf<StoreData>(confStoreOptions(location, written)));
  return {
    path: resolve(storeFilePath(location)),
    migratedFrom: prepared.migratedFrom,
    get: (key) => conf().get(key),
    set: (key, value) => conf().set(key, value),
    setMany: (values, options) => {
      const store = conf();
      written.during(values, options?.checked, () => store.set(values));
    },
    readAll: () => conf().store,
    takeOpenedData: handOverOnce(prepared),
    openedDamage: prepared.damage,
  };
}
