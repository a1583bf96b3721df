import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AuditEntrySchema } from '../domain/audit';
import { ConnectionSchema } from '../domain/connection';
import { PartnerSchema } from '../domain/partner';
import { SettingsSchema } from '../domain/settings';
import { dictionary, ownEntry } from '../domain/dictionary';
import { TokenTrayError } from '../domain/errors';
import { ConnectionStateSchema, initialState } from '../domain/state';
import { TokenRecordSchema } from '../domain/token';
import type { DamagedEntry } from './damaged-records';
import { describeProblem } from './damaged-records';
import { SECRET_KINDS } from '../domain/secret-kinds';
import type { SecretKind } from '../domain/secret-kinds';
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

/** One change: a record written, a state changed in part, a record deleted, a line of history appended, or the settings. */
export type JournalOp =
  | { [S in KeyedSection]: { put: S; value: StoreData[S][string] } }[KeyedSection]
  | { patch: 'states'; id: string; value: Partial<ConnectionState> }
  | { delete: KeyedSection; id: string }
  | { audit: StoreData['audit'][number] }
  | { settings: StoreData['settings'] }
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

/**
 * Each kind of change by the field that names it (and, for `put`, by its section). A change is
 * checked against its own schema only: trying every shape in turn, as a plain union does, costs
 * a failed parse for each shape before the right one, on every change a renewal journals.
 */
const OP_SCHEMAS = {
  put: {
    partners: z.object({ put: z.literal('partners'), value: PartnerSchema }),
    connections: z.object({ put: z.literal('connections'), value: ConnectionSchema }),
    tokens: z.object({ put: z.literal('tokens'), value: TokenRecordSchema }),
    states: z.object({ put: z.literal('states'), value: ConnectionStateSchema }),
  },
  patch: z.object({ patch: z.literal('states'), id: z.string(), value: StatePatchSchema }),
  delete: z.object({ delete: KeyedSectionSchema, id: z.string() }),
  audit: z.object({ audit: AuditEntrySchema }),
  settings: z.object({ settings: SettingsSchema }),
  seal: z.object({ seal: z.string(), kind: z.enum(SECRET_KINDS), value: z.string().min(1).nullable() }),
  dropSecrets: z.object({ dropSecrets: z.string() }),
  sealing: z.object({ sealing: SealingSchema }),
} as const;

const { put: PUT_SCHEMAS, ...TAGGED_SCHEMAS } = OP_SCHEMAS;

/** Every shape at once: what a change that names none of them is reported against. */
const JournalOpSchema = z.union([...Object.values(PUT_SCHEMAS), ...Object.values(TAGGED_SCHEMAS)]);

function schemaFor(op: unknown): z.ZodType {
  if (typeof op !== 'object' || op === null) return JournalOpSchema;
  const fields = op as Record<string, unknown>;
  if (Object.hasOwn(fields, 'put'))
    return (typeof fields.put === 'string' && ownEntry(PUT_SCHEMAS, fields.put)) || JournalOpSchema;
  for (const tag of Object.keys(TAGGED_SCHEMAS) as Array<keyof typeof TAGGED_SCHEMAS>)
    if (Object.hasOwn(fields, tag)) return TAGGED_SCHEMAS[tag];
  return JournalOpSchema;
}

function parseJournalOp(op: unknown) {
  return schemaFor(op).safeParse(op);
}

/** The connection id a `dropSecrets` op gives to remove every connection's sealed secrets. */
export const EVERY_CONNECTION = '*';

/** The same check a change passes before it is journalled and when start-up reads it back. */
export function checkJournalOp(op: unknown): z.ZodError | null {
  const parsed = parseJournalOp(op);
  return parsed.success ? null : parsed.error;
}

let format: string | undefined;

/**
 * A digest of the schemas changes are checked against (as JSON Schema, worked out once). A
 * change written by a TokenTray whose digest is this one passed the same check before it was
 * written, so a reader with this digest may take it as it is. Refinements (a URL or e-mail
 * check) are not in JSON Schema: two versions that differ only in one read each other's
 * changes unchecked.
 */
export function journalFormat(): string {
  format ??= createHash('sha256')
    .update(JSON.stringify(z.toJSONSchema(JournalOpSchema, { io: 'input', unrepresentable: 'any' })))
    .digest('base64url')
    .slice(0, 22);
  return format;
}

/** Refuses a change start-up could not read back: nothing is saved that would not open. */
export function refuseUnreadable(op: JournalOp): void {
  if (checkJournalOp(op) === null) return;
  throw new TokenTrayError(
    'unsaveable_change',
    'TokenTray refused to save a change it could not read back.',
    ['Nothing was changed. Check the values entered and try again.'],
  );
}

const JournalFrameSchema = z.object({ seq: z.number().int().positive(), ops: z.array(z.unknown()) });

/**
 * One journal line, change by change: the readable changes as a record, each unreadable one
 * named (with the record it carried, where it carried one, so it can be written back as it was).
 * A line that is no record at all is one damaged entry.
 */
export function readJournalLine(
  line: string,
  lineNumber: number,
): { record: JournalRecord | null; damaged: DamagedEntry[] } {
  let frame: z.infer<typeof JournalFrameSchema>;
  try {
    const parsed = JournalFrameSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw parsed.error;
    frame = parsed.data;
  } catch {
    return {
      record: null,
      damaged: [{ section: 'journal', id: `line ${lineNumber}`, reason: 'the line is not a valid record' }],
    };
  }
  const ops: JournalOp[] = [];
  const damaged: DamagedEntry[] = [];
  for (const op of frame.ops) {
    const parsed = parseJournalOp(op);
    if (parsed.success) ops.push(parsed.data as JournalOp);
    else damaged.push(damagedOp(op, lineNumber, parsed.error));
  }
  return { record: { seq: frame.seq, ops }, damaged };
}

function damagedOp(op: unknown, lineNumber: number, error: z.ZodError): DamagedEntry {
  const fields = typeof op === 'object' && op !== null ? (op as Record<string, unknown>) : {};
  const section = KeyedSectionSchema.safeParse(fields.put);
  const value = fields.value;
  if (section.success && typeof value === 'object' && value !== null) {
    const id = (value as Record<string, unknown>)[KEYED_SECTIONS[section.data].idField];
    // A record put under an id is written back as it was until it is set aside.
    if (typeof id === 'string' && id !== '')
      return { section: section.data, id, reason: describeProblem(error), raw: value };
  }
  return { section: 'journal', id: `line ${lineNumber}`, reason: describeProblem(error) };
}

/** The id a keyed record is filed under. */
export function recordId(section: KeyedSection, value: Record<string, unknown>): string {
  return String(value[KEYED_SECTIONS[section].idField]);
}

/**
 * Applies the records a checkpoint does not hold yet (seq above `journalSeq`), in order.
 * Returns the newest seq applied, or `journalSeq` when there was nothing newer.
 */
export function replayJournal(data: StoreData, records: readonly JournalRecord[]): number {
  asDictionaries(data);
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
    data.states[op.id] = {
      ...(ownEntry(data.states, op.id) ?? initialState(op.id)),
      ...op.value,
      connectionId: op.id,
    };
  } else if ('put' in op) {
    const section = data[op.put] as Record<string, unknown>;
    section[recordId(op.put, op.value)] = op.value;
  } else if ('delete' in op) {
    delete (data[op.delete] as Record<string, unknown>)[op.id];
  } else if ('settings' in op) {
    data.settings = op.settings;
  } else if ('seal' in op) {
    const secrets = ownEntry(data.secrets, op.seal) ?? (data.secrets[op.seal] = {});
    if (op.value === null) delete secrets[op.kind];
    else secrets[op.kind] = op.value;
  } else if ('dropSecrets' in op) {
    if (op.dropSecrets === EVERY_CONNECTION) data.secrets = dictionary();
    else delete data.secrets[op.dropSecrets];
  } else if ('sealing' in op) {
    data.sealing = op.sealing;
  } else {
    data.audit.push(op.audit);
  }
}

/**
 * Files each keyed section, and the sealed secrets by connection, in an object without a
 * prototype (once), so ids like `__proto__` stay plain keys.
 */
export function asDictionaries(data: Pick<StoreData, KeyedSection | 'secrets'>): void {
  for (const section of [...Object.keys(KEYED_SECTIONS), 'secrets'] as Array<KeyedSection | 'secrets'>) {
    const records: Record<string, unknown> = data[section];
    // In place: copying 10,000 records of each section took about 50 ms of start-up. Parsed JSON holds
    // a `__proto__` key as an own property, which stays one.
    if (Object.getPrototypeOf(records) !== null) Object.setPrototypeOf(records, null);
  }
}
