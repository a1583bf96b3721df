import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readIssuedSecrets, scanForSecrets } from './secret-scan';

let root: string;
const needles = 'issued';

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'tokentray-secret-scan-'));
  await mkdir(join(root, needles));
  await mkdir(join(root, 'logs'));
  await writeFile(join(root, needles, 'worker.txt'), 'access-AAAA\nsecret+:%\n');
  await writeFile(join(root, 'logs', 'host.stderr.log'), 'renewed acme at 10:00\n');
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('the secret scan after the end-to-end run', () => {
  it('finds nothing in clean files and never searches the list of issued secrets itself', async () => {
    const secrets = await readIssuedSecrets(join(root, needles));
    const report = await scanForSecrets(root, secrets, join(root, needles));
    expect(report).toEqual({ secrets: 2, filesScanned: 1, filesWithSecrets: [] });
  });

  it('names each file holding a secret, as sent or URL-encoded, and skips pictures', async () => {
    await writeFile(join(root, 'logs', 'leaky.log'), 'Bearer access-AAAA\n');
    await writeFile(join(root, 'store.json'), '{"body":"client_secret=secret%2B%3A%25"}');
    await writeFile(join(root, 'shot.png'), 'access-AAAA');
    const secrets = await readIssuedSecrets(join(root, needles));
    const report = await scanForSecrets(root, secrets, join(root, needles));
    expect(report.filesWithSecrets.sort()).toEqual([join('logs', 'leaky.log'), 'store.json']);
    expect(report.filesScanned).toBe(3);
  });
});
