import { z } from 'zod';
import { AuditEntrySchema } from '../domain/audit';
import { ConnectionSchema } from '../domain/connection';
import { PartnerSchema } from '../domain/partner';
import { ConnectionStateSchema, initialState } from '../domain/state';
import { TokenRecordSchema } from '../domain/token';
import { SECRET_KINDS } from '../vault/secret-vault';
import type { SecretKind } from '../vault/secret-vault';
import type { StoreData } from './schema';
import { SealingSchema } from './schema';

/** The sections whose records are journalled one by one, with the field each record is filed under. */
export const KEYED_SECTIONS = {
  partners: { schema: PartnerSchema, idField: 'id' },
  connections: { schema: ConnectionSchema, idField: 'id' },
  tokens: { schema: TokenRecordSchema, idField: 'id' },
  states: { schema: ConnectionStateSchema, idField: 'connectionId' },
} as const;
export type KeyedSection = keyof typeof KEYED_SECTIONS;

type ConnectionState = StoreData['states'][string];

/** One change: a record written, a state changed in part, a record deleted, or a line of history appended. */
export type JournalOp =
  | { [S in KeyedSection]: { put: S; value: StoreData[S][string] } }[KeyedSection]
  | { patch: 'states'; id: string; value: Partial<ConnectionState> }
  | { delete: KeyedSection; id: string }
  | { audit: StoreData['audit'][number] }
  /** One sealed secret written (or removed, with null). */
  | { seal: string; kind: SecretKind; value: string | null }
  /** Every sealed secret of a connection removed, or of every connection with `*`. */
  | { dropSecrets: string }
  | { sealing: NonNullable<StoreData['sealing']> };

/** One durable write: the changes made since the previous one, numbered so a checkpoint can tell what it holds. */
export interface JournalRecord {
  seq: number;
  ops: JournalOp[];
}

const KeyedSectionSchema = z.enum(['partners', 'connections', 'tokens', 'states']);

/** The state's fields, each optional and without its default: a field a patch does not name keeps its value. */
const StatePatchSchema = z.object(
  Object.fromEntries(
    Object.entries(ConnectionStateSchema.shape).map(([field, schema]) => [
      field,
      (schema instanceof z.ZodDefault ? schema.unwrap() : schema).optional(),
    ]),
  ),
);

const JournalOpSchema = z.union([
  z.object({ put: z.literal('partners'), value: PartnerSchema }),
  z.object({ put: z.literal('connections'), value: ConnectionSchema }),
  z.object({ put: z.literal('tokens'), value: TokenRecordSchema }),
  z.object({ put: z.literal('states'), value: ConnectionStateSchema }),
  z.object({ patch: z.literal('states'), id: z.string(), value: StatePatchSchema }),
  z.object({ delete: KeyedSectionSchema, id: z.string() }),
  z.object({ audit: AuditEntrySchema }),
  z.object({ seal: z.string(), kind: z.enum(SECRET_KINDS), value: z.string().min(1).nullable() }),
  z.object({ dropSecrets: z.string() }),
  z.object({ sealing: SealingSchema }),
]);

/** The connection id a `dropSecrets` op gives to remove every connection's sealed secrets. */
export const EVERY_CONNECTION = '*';

export const JournalRecordSchema = z.object({
  seq: z.number().int().positive(),
  ops: z.array(JournalOpSchema),
});

/** The id a keyed record is filed under. */
export function recordId(section: KeyedSection, value: Record<string, unknown>): string {
  return String(value[KEYED_SECTIONS[section].idField]);
}

/**
 * Applies the records a checkpoint does not hold yet (seq above `journalSeq`), in order.
 * Returns the newest seq applied, or `journalSeq` when there was nothing newer.
 */
export function replayJournal(data: StoreData, records: readonly JournalRecord[]): number {
  let seq = data.journalSeq;
  for (const record of records) {
    if (record.seq <= seq) continue;
    for (const op of record.ops) applyOp(data, op);
    seq = record.seq;
  }
  return seq;
}

function applyOp(data: StoreData, op: JournalOp): void {
  if ('patch' in op) {
    data.states[op.id] = { ...(data.states[op.id] ?? initialState(op.id)), ...op.value, connectionId: op.id };
  } else if ('put' in op) {
    const section = data[op.put] as Record<string, unknown>;
    section[recordId(op.put, op.value)] = op.value;
  } else if ('delete' in op) {
    delete (data[op.delete] as Record<string, unknown>)[op.id];
  } else if ('seal' in op) {
    const secrets = (data.secrets[op.seal] ??= {});
    if (op.value === null) delete secrets[op.kind];
    else secrets[op.kind] = op.value;
  } else if ('dropSecrets' in op) {
    if (op.dropSecrets === EVERY_CONNECTION) data.secrets = {};
    else delete data.secrets[op.dropSecrets];
  } else if ('sealing' in op) {
    data.sealing = op.sealing;
  } else {
    data.audit.push(op.audit);
  }
}
