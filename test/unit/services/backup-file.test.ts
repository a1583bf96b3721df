import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../main/core/domain';
import { BACKUP_KDF, openBackup, sealBackup } from '../../../main/core/services/backup-file';

/** The file as JSON: its fields are edited as a damaged or hostile file would have them. */
type BackupJson = {
  exportedAt: string;
  kdf: { N: number; r: number; salt: string };
  cipher: { nonce: string };
  ciphertext: string;
  tag: string;
};

const passphrase = 'correct horse battery staple';
const plaintext = JSON.stringify({ secrets: { c1: { refreshToken: 'rt-backup-unit-secret-1234567890' } } });
const exportedAt = '2026-11-29T08:00:00.000Z';

/** One file for every test: each seal costs a scrypt derivation (about half a second). */
const sealed = sealBackup(plaintext, passphrase, exportedAt);

function changed(file: string, edit: (json: BackupJson) => void): string {
  const json = JSON.parse(file) as BackupJson;
  edit(json);
  return JSON.stringify(json);
}

/** Flips one bit of a base64url field. */
function flipped(value: string): string {
  const bytes = Buffer.from(value, 'base64url');
  bytes[0]! ^= 0x01;
  return bytes.toString('base64url');
}

async function refusal(contents: string, tried = passphrase): Promise<ValidationError> {
  const error = await openBackup(contents, tried).then(
    () => null,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe('a backup sealed with a passphrase', () => {
  it('names its format and scrypt parameters, holds no trace of the secret, and opens with the passphrase', async () => {
    const file = await sealed;
    const json = JSON.parse(file) as BackupJson;

    expect(json).toMatchObject({
      format: 'tokentray-backup',
      version: 1,
      exportedAt,
      kdf: { name: 'scrypt', N: 2 ** 17, r: 8, p: 1 },
      cipher: { name: 'aes-256-gcm' },
    });
    expect(BACKUP_KDF).toMatchObject({ N: 131_072, r: 8, p: 1 });
    expect(Buffer.from(json.kdf.salt, 'base64url')).toHaveLength(16);
    expect(Buffer.from(json.cipher.nonce, 'base64url')).toHaveLength(12);
    expect(file).not.toContain('rt-backup-unit-secret');
    expect(await openBackup(file, passphrase)).toBe(plaintext);
  });

  it('does not open with another passphrase, and says so on the passphrase field', async () => {
    const error = await refusal(await sealed, 'correct horse battery stapler');
    expect(error.message).toMatch(/does not open the backup/);
    expect(error.fieldErrors).toHaveProperty('passphrase');
  });

  it.each([
    ['a flipped bit in the ciphertext', (json: BackupJson) => (json.ciphertext = flipped(json.ciphertext))],
    ['a flipped bit in the tag', (json: BackupJson) => (json.tag = flipped(json.tag))],
    ['a flipped bit in the nonce', (json: BackupJson) => (json.cipher.nonce = flipped(json.cipher.nonce))],
    ['another salt', (json: BackupJson) => (json.kdf.salt = flipped(json.kdf.salt))],
    ['a changed date', (json: BackupJson) => (json.exportedAt = '2020-01-01T00:00:00.000Z')],
    ['a weaker scrypt cost', (json: BackupJson) => (json.kdf.N = 2 ** 14)],
  ])('refuses %s with the right passphrase', async (_what, edit) => {
    const error = await refusal(changed(await sealed, edit));
    expect(error.message).toMatch(/changed or damaged/);
  });

  it.each([
    [
      'a plain export',
      JSON.stringify({ format: 'tokentray-export', version: 1, partners: [], connections: [] }),
    ],
    ['not JSON', '{"format": "tokentray-backup"'],
    ['a scrypt cost that needs gigabytes', 'huge'],
  ])('refuses %s as no backup, before deriving any key', async (what, contents) => {
    const file =
      contents === 'huge'
        ? changed(await sealed, (json) => {
            json.kdf.N = 2 ** 22;
            json.kdf.r = 32;
          })
        : contents;
    const error = await refusal(file);
    expect(error.message, what).toMatch(/not a TokenTray backup/);
  });

  it('refuses to seal with a passphrase shorter than ten characters', async () => {
    const error = await sealBackup(plaintext, 'short', exportedAt).then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toHaveProperty('passphrase');
  });
});
