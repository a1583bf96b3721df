import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLockedProfile } from '../../../main/core/open-profile';
import { openConfStore } from '../../../main/core/store/conf-store';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const APP_CHILD = fileURLToPath(new URL('./fixtures/open-profile-child.ts', import.meta.url));

let directory: string;
let service: string;
const children: ChildProcessWithoutNullStreams[] = [];

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'tokentray-restart-'));
  service = `TokenTray-test-${randomUUID()}`;
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(directory, { recursive: true, force: true });
});

/** Starts a process and resolves with the first line it prints, or rejects with what it said on stderr when it exits first. */
async function firstLine(args: string[]): Promise<{ child: ChildProcessWithoutNullStreams; line: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, stdio: 'pipe' });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
      if (stdout.includes('\n')) resolve({ child, line: stdout.split('\n')[0] ?? '' });
    });
    child.once('exit', () => reject(new Error(`exited before its first line: ${stderr.trim()}`)));
  });
}

async function kill(child: ChildProcessWithoutNullStreams): Promise<void> {
  child.kill('SIGKILL');
  await once(child, 'exit');
}

const serveArgs = () => [
  'main/web-host/cli.ts',
  '--port',
  '0',
  '--no-open',
  '--profile',
  directory,
  '--keychain-service',
  service,
];

describe('TokenTray after it was killed', () => {
  it('the browser host (`npm run serve`) starts again at once on the same profile', async () => {
    const first = await firstLine(serveArgs());
    expect(first.line).toMatch(/^TokenTray is running at http:\/\/127\.0\.0\.1:\d+\//);
    await kill(first.child);

    const second = await firstLine(serveArgs());

    expect(second.line).toMatch(/^TokenTray is running at http:\/\/127\.0\.0\.1:\d+\//);
  });

  it("the app's start-up opens the profile again at once, and a running one still keeps it", async () => {
    const first = await firstLine([APP_CHILD, directory, service]);
    expect(first.line).toBe('running');
    const vault = new KeytarVault({ service });
    const open = () =>
      openLockedProfile({
        profileDir: directory,
        openStore: (dir) => openConfStore({ directory: dir }),
        vault,
      });

    await expect(open()).rejects.toMatchObject({
      code: 'profile_locked',
      message: expect.stringMatching(/still runs/),
    });
    await kill(first.child);
    const { core, lock } = await open();

    await core.start();
    expect(core.snapshot().partners).toEqual([]);
    await core.stop();
    await lock.release();
    await vault.close();
  });
});
