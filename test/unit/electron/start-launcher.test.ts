import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { electronBinaryPath, FALLBACK_LINE } from '../../../scripts/start';

const ROOT = join(import.meta.dirname, '../../..');
const URL_LINE = /^TokenTray is running at (http:\/\/127\.0\.0\.1:\d+\/)\?token=([A-Za-z0-9_-]+)$/;
const binaryHere = electronBinaryPath(join(ROOT, 'node_modules', 'electron'));

const temporary: string[] = [];
const temporaryDir = () => {
  const directory = mkdtempSync(join(tmpdir(), 'tokentray-start-'));
  temporary.push(directory);
  return directory;
};
afterEach(() => {
  for (const directory of temporary.splice(0)) rmSync(directory, { recursive: true, force: true });
});

describe('finding the Electron binary without loading the electron package', () => {
  it('finds nothing when path.txt is missing, or names a binary that is not there', () => {
    const electronDir = temporaryDir();
    expect(electronBinaryPath(electronDir, {})).toBeNull();
    writeFileSync(join(electronDir, 'path.txt'), 'electron');
    expect(electronBinaryPath(electronDir, {})).toBeNull();
  });

  it('finds the binary that path.txt names inside dist/', () => {
    const electronDir = temporaryDir();
    writeFileSync(join(electronDir, 'path.txt'), 'electron');
    mkdirSync(join(electronDir, 'dist'));
    writeFileSync(join(electronDir, 'dist', 'electron'), '');
    expect(electronBinaryPath(electronDir, {})).toBe(join(electronDir, 'dist', 'electron'));
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as electron itself does', () => {
    const electronDir = temporaryDir();
    const override = temporaryDir();
    writeFileSync(join(override, 'electron'), '');
    expect(electronBinaryPath(electronDir, { ELECTRON_OVERRIDE_DIST_PATH: override })).toBe(
      join(override, 'electron'),
    );
  });
});

describe('npm start without the Electron binary', () => {
  it.skipIf(binaryHere !== null)(
    'says so in one line and starts the browser host with the same arguments',
    async () => {
      const profile = temporaryDir();
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(ROOT, 'scripts', 'start.ts'),
          '--port',
          '0',
          '--no-open',
          '--profile',
          profile,
          '--keychain-service',
          `TokenTray-test-${randomUUID()}`,
        ],
        {
          cwd: ROOT,
          stdio: ['ignore', 'pipe', 'pipe'],
          // No download attempt and no rebuild of the window other tests may be serving.
          env: { ...process.env, TOKENTRAY_NO_ELECTRON_DOWNLOAD: '1', TOKENTRAY_SKIP_BUILD: '1' },
        },
      );
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const firstLine = await new Promise<string>((resolve, reject) => {
        const lines = createInterface({ input: child.stdout });
        lines.once('line', resolve);
        child.once('exit', () => reject(new Error(`the launcher exited early: ${stderr}`)));
      });

      const match = URL_LINE.exec(firstLine);
      expect(match, 'the browser host prints its one URL line').not.toBeNull();
      expect(stderr.split('\n')[0]).toBe(FALLBACK_LINE);
      expect(stderr.split(FALLBACK_LINE)).toHaveLength(2);

      const [, base, token] = match!;
      const answer = await fetch(`${base}api/getSnapshot`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tokentray-token': token! },
        body: '[]',
      });
      expect(answer.status).toBe(200);
      expect(((await answer.json()) as { result: { partners: unknown[] } }).result.partners).toEqual([]);

      // A SIGTERM to the launcher reaches the host; the launcher ends with the host's own exit code.
      child.kill('SIGTERM');
      expect(await exited).not.toBeNull();
      await expect(fetch(`${base}api/getSnapshot`, { method: 'POST' })).rejects.toThrow();
    },
    60_000,
  );
});
