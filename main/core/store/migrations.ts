import { initialState } from '../domain/state';
import type { StoreData } from './schema';
import type { DamagedEntry } from './damaged-records';
import { describeProblem } from './damaged-records';
import { isPlainObject, validateRecordByRecord } from './record-by-record';
import { CURRENT_SCHEMA_VERSION } from './schema';
import { StoreCorruptError, StoreTooNewError } from './store-errors';

type RawStore = Record<string, unknown>;

/** Step n upgrades a file of version n to version n + 1; every old version climbs one step at a time. */
const UPGRADES: Record<number, (raw: RawStore) => RawStore> = {
  // v0 had no schemaVersion and kept no engine state: every connection starts idle.
  0: (raw) => {
    const connections = isPlainObject(raw.connections) ? raw.connections : {};
    const states = Object.fromEntries(Object.keys(connections).map((id) => [id, initialState(id)]));
    return { ...raw, states, schemaVersion: 1 };
  },
  // v1 kept every secret in the keychain: no sealed secrets yet, and no data key (start-up
  // creates one and moves the keychain's items in). The version keeps older builds, which
  // would ignore the sealed secrets, from opening the file.
  1: (raw) => ({ ...raw, secrets: {}, sealing: null, schemaVersion: 2 }),
};

/**
 * Validates a parsed data file and upgrades it to the current version.
 * `migratedFrom` is the file's version when it was older, else null; `damaged` lists the
 * records that failed validation, left out of `data` (the caller keeps them).
 * Throws `StoreTooNewError`, or `StoreCorruptError` when the file as a whole is not TokenTray data.
 */
export function migrateStoreData(
  raw: unknown,
  filePath?: string,
): { data: StoreData; migratedFrom: number | null; damaged: DamagedEntry[] } {
  if (!isPlainObject(raw)) throw new StoreCorruptError('the file does not hold a JSON object', filePath);
  const version = raw.schemaVersion ?? 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new StoreCorruptError('schemaVersion is not a whole number', filePath);
  }
  if (version > CURRENT_SCHEMA_VERSION) throw new StoreTooNewError(version, CURRENT_SCHEMA_VERSION, filePath);

  let upgraded = raw;
  for (let step = version; step < CURRENT_SCHEMA_VERSION; step++) {
    const upgrade = UPGRADES[step];
    if (!upgrade) throw new StoreCorruptError(`no upgrade is known from data version ${step}`, filePath);
    upgraded = upgrade(upgraded);
  }

  const validated = validateRecordByRecord(upgraded);
  if (validated instanceof Error) throw new StoreCorruptError(describeProblem(validated), filePath);
  return { ...validated, migratedFrom: version < CURRENT_SCHEMA_VERSION ? version : null };
}
