import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { CURRENT_SCHEMA_VERSION, StoreDataSchema } from './schema';

/**
 * What this version of TokenTray last wrote as the metadata file from data it had checked: the
 * SHA-256 of the file's text, and of the schemas it was checked against. A start-up that finds
 * the file's text unchanged since then, under the same schemas, takes it as checked instead of
 * validating every record again, which costs most of a large profile's start-up. Any other text
 * (a file edited by hand, damaged on disk, or written by another version) is validated record by
 * record as before. Kept beside the metadata file; it holds no data, only the two digests.
 */
interface CheckedText {
  text: string;
  schemas: string;
}

/** `…/tokentray.json` → `…/tokentray.checked`. */
export function checkedTextPath(storePath: string): string {
  return join(dirname(storePath), `${basename(storePath).replace(/\.json$/, '')}.checked`);
}

let fingerprint: string | undefined;

/**
 * The schemas' digest: their JSON Schema (fields, bounds, defaults) and the data version. A
 * schema that changes makes every file checked under the old one unchecked.
 */
function schemaFingerprint(): string {
  fingerprint ??= sha256(
    `${CURRENT_SCHEMA_VERSION}\n${JSON.stringify(z.toJSONSchema(StoreDataSchema, { unrepresentable: 'any', io: 'input' }))}`,
  );
  return fingerprint;
}

/** Whether `text` is what was last recorded as checked for this file, under today's schemas. */
export function isCheckedText(storePath: string, text: string): boolean {
  let recorded: Partial<CheckedText>;
  try {
    recorded = JSON.parse(readFileSync(checkedTextPath(storePath), 'utf8')) as Partial<CheckedText>;
  } catch {
    return false;
  }
  return recorded.schemas === schemaFingerprint() && recorded.text === sha256(text);
}

/**
 * Records `text` as checked. Written before the metadata file is replaced: a crash between the two
 * leaves a digest that matches no file, so the next start validates, never the reverse.
 */
export function recordCheckedText(storePath: string, text: string): void {
  const path = checkedTextPath(storePath);
  const record: CheckedText = { text: sha256(text), schemas: schemaFingerprint() };
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(record), { mode: 0o600 });
  renameSync(temporary, path);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
