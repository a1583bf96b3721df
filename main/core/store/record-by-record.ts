import type { z } from 'zod';
import { AuditEntrySchema } from '../domain/audit';
import { dictionary, putOwn } from '../domain/dictionary';
import { salvagedSettings, SettingsSchema } from '../domain/settings';
import type { DamagedEntry } from './damaged-records';
import { describeProblem } from './damaged-records';
import type { KeyedSection } from './journal-records';
import { KEYED_SECTIONS } from './journal-records';
import type { StoreData } from './schema';
import { StoreDataSchema } from './schema';

type RawStore = Record<string, unknown>;

/**
 * Validates the file record by record with the schemas every write is checked against: a
 * damaged record is set apart and named, and the profile opens with the rest. Only a file
 * whose frame is wrong (its version, its journal position) is refused as a whole.
 */
export function validateRecordByRecord(
  raw: RawStore,
): { data: StoreData; damaged: DamagedEntry[] } | z.ZodError {
  const damaged: DamagedEntry[] = [];
  const keyed = {} as Pick<StoreData, KeyedSection>;
  for (const section of Object.keys(KEYED_SECTIONS) as KeyedSection[]) {
    const { schema, idField } = KEYED_SECTIONS[section];
    const records = dictionary<unknown>();
    const value = raw[section] ?? {};
    if (!isPlainObject(value)) {
      damaged.push({ section, id: '(all)', reason: 'the section is not a set of records' });
    } else {
      for (const [key, record] of Object.entries(value)) {
        const parsed = schema.safeParse(record);
        let reason: string | null = parsed.success ? null : describeProblem(parsed.error);
        if (parsed.success && (parsed.data as Record<string, unknown>)[idField] !== key)
          reason = `${idField}: does not match the key it is filed under`;
        if (reason === null) putOwn(records, key, parsed.data as unknown);
        else damaged.push({ section, id: key, reason, raw: record });
      }
    }
    Object.assign(keyed, { [section]: records });
  }

  const audit: StoreData['audit'] = [];
  const rawAudit = raw.audit ?? [];
  if (!Array.isArray(rawAudit))
    damaged.push({ section: 'audit', id: '(all)', reason: 'the history is not a list' });
  else
    rawAudit.forEach((entry: unknown, index) => {
      const parsed = AuditEntrySchema.safeParse(entry);
      if (parsed.success) audit.push(parsed.data);
      else damaged.push({ section: 'audit', id: `#${index}`, reason: describeProblem(parsed.error) });
    });

  const parsedSettings = SettingsSchema.safeParse(raw.settings ?? {});
  if (!parsedSettings.success)
    damaged.push({ section: 'settings', id: 'settings', reason: describeProblem(parsedSettings.error) });
  // The wrong value is named and falls back to its default; the other settings stay as they were.
  const settings = parsedSettings.success ? parsedSettings.data : salvagedSettings(raw.settings);

  const frame = StoreDataSchema.safeParse({
    ...raw,
    partners: {},
    connections: {},
    tokens: {},
    states: {},
    audit: [],
    settings: {},
  });
  if (!frame.success) return frame.error;
  return { data: { ...frame.data, ...keyed, audit, settings }, damaged };
}

export function isPlainObject(value: unknown): value is RawStore {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
