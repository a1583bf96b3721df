import {
  chmodSync,
  copyFileSync,
  constants,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { deepEqual } from 'node:assert';
import { basename, dirname, join } from 'node:path';
import { isCheckedText, recordCheckedText } from './checked-text';
import { migrateStoreData } from './migrations';
import type { StoreData } from './schema';
import type { DamagedEntry } from './damaged-records';
import { StoreCorruptError } from './store-errors';

/** Only the user may read the metadata file: it names every partner and endpoint. */
export const STORE_FILE_MODE = 0o600;

export interface PreparedStoreFile {
  /** The file's data, validated (and upgraded), or null when there is no file yet. */
  data: StoreData | null;
  /** The file's data version before it was upgraded, or null when it needed nothing. */
  migratedFrom: number | null;
  /** Where the file was copied, as it was, before an upgrade rewrote it. */
  backupPath: string | null;
  /** Records that failed validation, left out of `data`, and where the file was copied as it was. */
  damage: OpenedDamage;
  /**
   * The file holds exactly the checked data (or there is none yet): what is written over it from the
   * same data and later changes can be recorded as checked (checked-text.ts).
   */
  checked: boolean;
}

export interface OpenedDamage {
  entries: DamagedEntry[];
  copyPath: string | null;
}

const NO_DAMAGE: OpenedDamage = { entries: [], copyPath: null };

/**
 * Makes the file at `filePath` safe to open with conf or electron-store: readable
 * only by the user, upgraded to the current data version (the old file copied
 * aside first), or refused with the reason. Run it before the store is created,
 * because conf fills missing top-level keys with defaults and would hide a file's
 * true version. A missing file is fine: the store starts empty.
 */
export function prepareStoreFile(filePath: string, now: () => number = Date.now): PreparedStoreFile {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { data: null, migratedFrom: null, backupPath: null, damage: NO_DAMAGE, checked: true };
    throw error;
  }
  chmodSync(filePath, STORE_FILE_MODE);

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // JSON.parse quotes the text it choked on, so its message is not passed on.
    throw corruptFileError(filePath, 'it is not valid JSON', now);
  }
  // The text this version wrote from checked data, unchanged since: its records need no second check.
  if (isCheckedText(filePath, text)) {
    return { data: raw as StoreData, migratedFrom: null, backupPath: null, damage: NO_DAMAGE, checked: true };
  }

  let migrated: ReturnType<typeof migrateStoreData>;
  try {
    migrated = migrateStoreData(raw, filePath);
  } catch (error) {
    if (error instanceof StoreCorruptError) throw corruptFileError(filePath, error.detail, now);
    throw error;
  }
  const damage: OpenedDamage =
    migrated.damaged.length > 0
      ? { entries: migrated.damaged, copyPath: copyAside(filePath, now) }
      : NO_DAMAGE;
  if (migrated.migratedFrom === null) {
    // Checked, and nothing left to fill in or strip: the next start may trust this text.
    const checked = damage === NO_DAMAGE && sameData(raw, migrated.data);
    if (checked) recordCheckedText(filePath, text);
    return { data: migrated.data, migratedFrom: null, backupPath: null, damage, checked };
  }

  const backupPath = siblingPath(filePath, `v${migrated.migratedFrom}-backup-${now()}`);
  copyFileSync(filePath, backupPath, constants.COPYFILE_EXCL);
  chmodSync(backupPath, STORE_FILE_MODE);
  writeStoreFile(filePath, migrated.data);
  return { data: migrated.data, migratedFrom: migrated.migratedFrom, backupPath, damage, checked: false };
}

/** `takeOpenedData` for a store opened on a prepared file: its data, handed over once. */
export function handOverOnce(prepared: PreparedStoreFile): () => StoreData | undefined {
  let data = prepared.data ?? undefined;
  return () => {
    const taken = data;
    data = undefined;
    return taken;
  };
}

/**
 * The same fields and values, whatever the order of the keys (which validation changes) or the
 * objects' prototypes (validated sections are dictionaries). Values were validated, so the loose
 * comparison's `==` between primitives never meets a number and a string.
 */
function sameData(raw: unknown, data: StoreData): boolean {
  try {
    deepEqual(raw, data);
    return true;
  } catch {
    return false;
  }
}

/** conf's format (its default serializer), which electron-store shares. */
export function serializeStore(data: unknown): string {
  return JSON.stringify(data, undefined, '\t');
}

/** Writes the whole file at once (temporary file, then rename), as conf does, in conf's format. */
export function writeStoreFile(filePath: string, data: unknown): void {
  const temporary = `${filePath}.${process.pid}.tmp`;
  writeFileSync(temporary, serializeStore(data), { mode: STORE_FILE_MODE });
  renameSync(temporary, filePath);
}

/** Copies the unreadable file aside (once per distinct content) and names both places in the error. */
export function corruptFileError(filePath: string, detail: string, now: () => number): StoreCorruptError {
  return new StoreCorruptError(detail, filePath, copyAside(filePath, now));
}

/** Copies a damaged file beside itself, untouched and once per distinct content; returns where. */
export function copyAside(filePath: string, now: () => number): string {
  const content = readFileSync(filePath);
  let copyPath = existingCopy(filePath, content);
  if (copyPath === null) {
    copyPath = siblingPath(filePath, `corrupt-${now()}`);
    copyFileSync(filePath, copyPath, constants.COPYFILE_EXCL);
    chmodSync(copyPath, STORE_FILE_MODE);
  }
  return copyPath;
}

/** Each failed start-up would otherwise add one more identical copy. */
function existingCopy(filePath: string, content: Buffer): string | null {
  const prefix = `${stem(filePath)}.corrupt-`;
  for (const name of readdirSync(dirname(filePath))) {
    if (!name.startsWith(prefix)) continue;
    const candidate = join(dirname(filePath), name);
    if (readFileSync(candidate).equals(content)) return candidate;
  }
  return null;
}

/** `tokentray.json` → `tokentray.<label>.json`, beside it. */
function siblingPath(filePath: string, label: string): string {
  return join(dirname(filePath), `${stem(filePath)}.${label}.json`);
}

function stem(filePath: string): string {
  return basename(filePath).replace(/\.json$/, '');
}
