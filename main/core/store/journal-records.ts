import { z } from 'zod';
import { AuditEntrySchema } from '../domain/audit';
import { ConnectionSchema } from '../domain/connection';
import { PartnerSchema } from '../domain/partner';
import { ConnectionStateSchema } from '../domain/state';
import { TokenRecordSchema } from '../domain/token';
import type { StoreData } from './schema';

/** The sections whose records are journalled one by one, with the field each record is filed under. */
export const KEYED_SECTIONS = {
  partners: { schema: PartnerSchema, idField: 'id' },
  connections: { schema: ConnectionSchema, idField: 'id' },
  tokens: { schema: TokenRecordSchema, idField: 'id' },
  states: { schema: ConnectionStateSchema, idField: 'connectionId' },
} as const;
export type KeyedSection = keyof typeof KEYED_SECTIONS;

/** One change: a record written, a record deleted, or a line of history appended. */
export type JournalOp =
  | { [S in KeyedSection]: { put: S; value: StoreData[S][string] } }[KeyedSection]
  | { delete: KeyedSection; id: string }
  | { audit: StoreData['audit'][number] };

/** One durable write: the changes made since the previous one, numbered so a checkpoint can tell what it holds. */
export interface JournalRecord {
  seq: number;
  ops: JournalOp[];
}

const KeyedSectionSchema = z.enum(['partners', 'connections', 'tokens', 'states']);

const JournalOpSchema = z.union([
  z.object({ put: z.literal('partners'), value: PartnerSchema }),
  z.object({ put: z.literal('connections'), value: ConnectionSchema }),
  z.object({ put: z.literal('tokens'), value: TokenRecordSchema }),
  z.object({ put: z.literal('states'), value: ConnectionStateSchema }),
  z.object({ delete: KeyedSectionSchema, id: z.string() }),
  z.object({ audit: AuditEntrySchema }),
]);

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
  if ('put' in op) {
    const section = data[op.put] as Record<string, unknown>;
    section[recordId(op.put, op.value)] = op.value;
  } else if ('delete' in op) {
    delete (data[op.delete] as Record<string, unknown>)[op.id];
  } else {
    data.audit.push(op.audit);
  }
}
