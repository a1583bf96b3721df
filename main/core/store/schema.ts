import { z } from 'zod';
import { AuditEntrySchema } from '../domain/audit';
import { ConnectionSchema } from '../domain/connection';
import { PartnerSchema } from '../domain/partner';
import { SettingsSchema } from '../domain/settings';
import { ConnectionStateSchema } from '../domain/state';
import { TokenRecordSchema } from '../domain/token';
import { SECRET_KINDS } from '../domain/secret-kinds';

/** Raise with a step in migrations.ts whenever the shape below changes in a way old files do not parse. */
export const CURRENT_SCHEMA_VERSION = 2;

/** Every record is filed under its own id, so a hand-edited file that mixes them up is caught. */
function keyedById<T extends z.ZodType<Record<string, unknown>>>(record: T, idField: string) {
  return z.record(z.string(), record).superRefine((entries, context) => {
    for (const [key, value] of Object.entries(entries)) {
      if (value[idField] !== key) {
        context.addIssue({
          code: 'custom',
          path: [key, idField],
          message: 'does not match the key it is filed under',
        });
      }
    }
  });
}

/** A connection's secrets by kind, each sealed (vault/seal.ts): ciphertext that opens only with the profile's data key. */
export const SealedSecretsSchema = z.partialRecord(z.enum(SECRET_KINDS), z.string().min(1));
export type SealedSecrets = z.infer<typeof SealedSecretsSchema>;

/** How the profile's secrets are sealed; the data key itself is in the keychain, never here. */
export const SealingSchema = z.object({
  /** Bound into every sealed value, so a value copied from another profile does not open. */
  profileId: z.string().min(1),
  /** The data key's version that seals new values (its keychain item is named after it). */
  keyVersion: z.number().int().positive(),
  /** A known text sealed with that key: a key that does not open it is not this profile's. Null until the key is stored. */
  check: z.string().nullable(),
  /**
   * Secrets that older versions kept one per keychain item: `pending` until they are sealed
   * here, `deleting` until the keychain items are gone, then `done`.
   */
  keychainItems: z.enum(['pending', 'deleting', 'done']),
  /** A key rotation under way: the new version, sealing nothing until the re-sealed values are committed. */
  rotatingTo: z.number().int().positive().nullable().default(null),
  /** The version a committed rotation replaced, until its keychain item is deleted. */
  retiredVersion: z.number().int().positive().nullable().default(null),
});
export type Sealing = z.infer<typeof SealingSchema>;

/** The metadata file: everything TokenTray keeps, its secrets sealed with a key only the keychain holds. */
export const StoreDataSchema = z.object({
  schemaVersion: z.number().int().min(0),
  partners: keyedById(PartnerSchema, 'id').default({}),
  connections: keyedById(ConnectionSchema, 'id').default({}),
  tokens: keyedById(TokenRecordSchema, 'id').default({}),
  /** Keyed by connection id. */
  states: keyedById(ConnectionStateSchema, 'connectionId').default({}),
  /** Oldest first, as appended. */
  audit: z.array(AuditEntrySchema).default([]),
  settings: SettingsSchema.prefault({}),
  /** Keyed by connection id. */
  secrets: z.record(z.string(), SealedSecretsSchema).default({}),
  /** Null until the profile first opens with a data key. */
  sealing: SealingSchema.nullable().default(null),
  /** The newest journal record this file holds (store-journal.ts); older ones are skipped on replay. */
  journalSeq: z.number().int().min(0).default(0),
});
export type StoreData = z.infer<typeof StoreDataSchema>;
export type StoreSection = keyof StoreData;

export const STORE_SECTIONS = Object.keys(StoreDataSchema.shape) as StoreSection[];

/** A fresh profile: nothing yet, settings at their defaults. */
export function emptyStoreData(): StoreData {
  return StoreDataSchema.parse({ schemaVersion: CURRENT_SCHEMA_VERSION });
}
