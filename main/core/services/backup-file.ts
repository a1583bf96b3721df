import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { z } from 'zod';
import { ValidationError } from '../domain';

export const BACKUP_FORMAT = 'tokentray-backup' as const;
export const BACKUP_VERSION = 1 as const;

/**
 * The passphrase becomes the file's key through scrypt (RFC 7914) with N = 2^17, r = 8, p = 1:
 * the parameters OWASP's password storage guidance gives for scrypt, 128 MiB and about half a
 * second per guess here. They are written in the file, so a later version may raise them and
 * still open this one.
 */
export const BACKUP_KDF = { name: 'scrypt', N: 2 ** 17, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** A fresh 96-bit nonce per file: the size GCM is specified for (NIST SP 800-38D, 8.2). */
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** scrypt needs 128·N·r bytes; a file asking for more than this is refused before any work. */
const MAX_KDF_MEMORY = 512 * 1024 * 1024;

export const MIN_PASSPHRASE_LENGTH = 10;

const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/);

const BackupEnvelopeSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: z.string().max(40),
  kdf: z.object({
    name: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2 ** 14)
      .max(2 ** 22)
      .refine((n) => (n & (n - 1)) === 0),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: base64url,
  }),
  cipher: z.object({ name: z.literal('aes-256-gcm'), nonce: base64url }),
  ciphertext: base64url,
  tag: base64url,
});
type BackupEnvelope = z.infer<typeof BackupEnvelopeSchema>;

const NOT_A_BACKUP = 'This is not a TokenTray backup with secrets, so nothing was imported.';
const DOES_NOT_OPEN =
  'This passphrase does not open the backup, or the file was changed or damaged since it was written. Nothing was imported.';

/**
 * A backup with secrets: the plain export and the secrets, as one JSON text sealed with
 * AES-256-GCM under a key scrypt derives from the passphrase. Everything outside the sealed
 * text (format, version, time, scrypt parameters, nonce) is its associated data, so a changed
 * parameter fails like a wrong passphrase. Without the passphrase it opens nowhere.
 */
export async function sealBackup(plaintext: string, passphrase: string, exportedAt: string): Promise<string> {
  checkPassphrase(passphrase);
  const kdf = { ...BACKUP_KDF, salt: randomBytes(SALT_BYTES).toString('base64url') };
  const cipherInfo = { name: 'aes-256-gcm' as const, nonce: randomBytes(NONCE_BYTES).toString('base64url') };
  const header = { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt, kdf, cipher: cipherInfo };
  const key = await deriveKey(passphrase, kdf);
  const cipher = createCipheriv('aes-256-gcm', key, Buffer.from(cipherInfo.nonce, 'base64url'), {
    authTagLength: TAG_BYTES,
  });
  cipher.setAAD(associatedData(header));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  key.fill(0);
  const file = {
    ...header,
    ciphertext: ciphertext.toString('base64url'),
    tag: cipher.getAuthTag().toString('base64url'),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The sealed text, or a `ValidationError` on the passphrase field when it does not open. */
export async function openBackup(contents: string, passphrase: string): Promise<string> {
  const envelope = parseBackupEnvelope(contents);
  if (typeof passphrase !== 'string' || passphrase.length === 0) {
    throw new ValidationError('Enter the passphrase the backup was written with.', {
      passphrase: 'Enter the backup’s passphrase.',
    });
  }
  const { ciphertext, tag, ...header } = envelope;
  const nonce = Buffer.from(header.cipher.nonce, 'base64url');
  const tagBytes = Buffer.from(tag, 'base64url');
  if (nonce.length !== NONCE_BYTES || tagBytes.length !== TAG_BYTES) throw doesNotOpen();
  const key = await deriveKey(passphrase, header.kdf);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(header));
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw doesNotOpen();
  } finally {
    key.fill(0);
  }
}

export function checkPassphrase(passphrase: string): void {
  if (typeof passphrase !== 'string' || passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new ValidationError(`Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters.`, {
      passphrase: `At least ${MIN_PASSPHRASE_LENGTH} characters: the backup is only as safe as this passphrase.`,
    });
  }
}

function parseBackupEnvelope(contents: string): BackupEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(contents);
  } catch {
    throw notABackup();
  }
  const parsed = BackupEnvelopeSchema.safeParse(json);
  if (!parsed.success) throw notABackup();
  const { N, r } = parsed.data.kdf;
  if (128 * N * r > MAX_KDF_MEMORY) throw notABackup();
  return parsed.data;
}

/** The header's fields in a fixed order, so the same header always gives the same bytes. */
function associatedData(header: Omit<BackupEnvelope, 'ciphertext' | 'tag'>): Buffer {
  const { kdf, cipher } = header;
  return Buffer.from(
    JSON.stringify([
      header.format,
      header.version,
      header.exportedAt,
      [kdf.name, kdf.N, kdf.r, kdf.p, kdf.salt],
      [cipher.name, cipher.nonce],
    ]),
  );
}

function deriveKey(passphrase: string, kdf: BackupEnvelope['kdf']): Promise<Buffer> {
  const salt = Buffer.from(kdf.salt, 'base64url');
  return new Promise((resolve, reject) => {
    scrypt(
      passphrase.normalize('NFC'),
      salt,
      KEY_BYTES,
      { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 128 * kdf.N * kdf.r * 2 },
      (error, key) => (error ? reject(doesNotOpen()) : resolve(key)),
    );
  });
}

function notABackup(): ValidationError {
  return new ValidationError(NOT_A_BACKUP, {
    file: 'Choose a file written by TokenTray’s backup with secrets.',
  });
}

function doesNotOpen(): ValidationError {
  return new ValidationError(DOES_NOT_OPEN, {
    passphrase: 'This passphrase does not open this backup.',
  });
}
