import { z } from 'zod';
import { AuditEntrySchema } from '../domain/audit';
import { ConnectionSchema } from '../domain/connection';
import { PartnerSchema } from '../domain/partner';
import { SettingsSchema } from '../domain/settings';
import { ConnectionStateSchema } from '../domain/state';
import { TokenRecordSchema } from '../domain/token';

/** Raise with a step in migrations.ts whenever the shape below changes in a way old files do not parse. */
export const CURRENT_SCHEMA_VERSION = 1;

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

/** The metadata file: everything TokenTray keeps except secrets, which only the keychain holds. */
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
