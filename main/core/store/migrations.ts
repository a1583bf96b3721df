import { initialState } from '../domain/state';
import type { StoreData } from './schema';
import { CURRENT_SCHEMA_VERSION, StoreDataSchema } from './schema';
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
 * `migratedFrom` is the file's version when it was older, else null.
 * Throws `StoreTooNewError` or `StoreCorruptError`; never drops data silently.
 */
export function migrateStoreData(
  raw: unknown,
  filePath?: string,
): { data: StoreData; migratedFrom: number | null } {
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

  const parsed = StoreDataSchema.safeParse(upgraded);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // The path and zod's sentence name the field; zod does not echo the values.
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new StoreCorruptError(`${where}${issue?.message ?? 'invalid data'}`, filePath);
  }
  return { data: parsed.data, migratedFrom: version < CURRENT_SCHEMA_VERSION ? version : null };
}

function isPlainObject(value: unknown): value is RawStore {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
