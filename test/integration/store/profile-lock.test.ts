import { execFile, spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireProfileLock, PROFILE_LOCK_NAME } from '../../../main/core/store/profile-lock';

const run = promisify(execFile);
const child = fileURLToPath(new URL('./fixtures/profile-lock-child.ts', import.meta.url));

let directory: string;
const holders: ChildProcessWithoutNullStreams[] = [];

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'tokentray-lock-'));
});

afterEach(() => {
  for (const holder of holders.splice(0)) if (holder.exitCode === null) holder.kill('SIGKILL');
  rmSync(directory, { recursive: true, force: true });
});

/** Starts a process that holds the profile lock, and resolves once it does. */
async function startHolder(): Promise<ChildProcessWithoutNullStreams> {
  const holder = spawn(process.execPath, ['--import', 'tsx', child, 'hold', directory]);
  holders.push(holder);
  const [chunk] = (await once(holder.stdout, 'data')) as [Buffer];
  expect(chunk.toString()).toBe('held\n');
  return holder;
}

async function tryInAnotherProcess(): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', child, 'try', directory], {
    timeout: 15_000,
  });
  return stdout.trim();
}

describe('acquireProfileLock', () => {
  it('refuses a second holder in the same process until the first releases', async () => {
    const first = await acquireProfileLock(directory);
    await expect(acquireProfileLock(directory)).rejects.toMatchObject({
      code: 'profile_locked',
      message: expect.stringContaining('Another TokenTray is already using this profile'),
    });

    await first.release();
    const second = await acquireProfileLock(directory);
    await second.release();
    expect(existsSync(join(directory, PROFILE_LOCK_NAME))).toBe(false);
  });

  it('keeps another process out while this one holds the profile', async () => {
    const lock = await acquireProfileLock(directory);
    expect(await tryInAnotherProcess()).toBe('profile_locked');

    await lock.release();
    expect(await tryInAnotherProcess()).toBe('acquired');
  });

  it('is refused while another process holds the profile, and granted once it lets go', async () => {
    const holder = await startHolder();
    await expect(acquireProfileLock(directory)).rejects.toMatchObject({ code: 'profile_locked' });

    holder.stdin.end();
    await once(holder, 'exit');
    const lock = await acquireProfileLock(directory);
    await lock.release();
  });

  it('takes over at once the lock of a process that was killed', async () => {
    const holder = await startHolder();
    holder.kill('SIGKILL');
    await once(holder, 'exit');
    expect(existsSync(join(directory, PROFILE_LOCK_NAME))).toBe(true);

    const lock = await acquireProfileLock(directory);
    await lock.release();
  });

  it('refuses a lock taken on another computer, says what it waits for, and takes it over once stale', async () => {
    const lockPath = join(directory, PROFILE_LOCK_NAME);
    mkdirSync(lockPath);
    writeFileSync(
      join(lockPath, 'owner.json'),
      JSON.stringify({ pid: 4242, startTime: null, host: 'other-machine' }),
    );

    await expect(acquireProfileLock(directory)).rejects.toMatchObject({
      code: 'profile_locked',
      message: expect.stringMatching(/process 4242 on other-machine.*nobody has refreshed it for 10 seconds/),
    });

    // As if the other computer's last refresh was 11 s ago (stale after 10 s), without waiting for it.
    const past = new Date(Date.now() - 11_000);
    utimesSync(lockPath, past, past);
    const lock = await acquireProfileLock(directory);
    await lock.release();
    expect(existsSync(lockPath)).toBe(false);
  });

  it('falls back to the stale time for a lock whose owner cannot be read', async () => {
    const lockPath = join(directory, PROFILE_LOCK_NAME);
    mkdirSync(lockPath);
    writeFileSync(join(lockPath, 'owner.json'), '{"pid": "not a number"');

    await expect(acquireProfileLock(directory)).rejects.toMatchObject({
      code: 'profile_locked',
      message: expect.stringContaining('names no owner that can be checked'),
    });
    const past = new Date(Date.now() - 11_000);
    utimesSync(lockPath, past, past);
    const lock = await acquireProfileLock(directory);
    await lock.release();
  });

  it('releasing twice is harmless', async () => {
    const lock = await acquireProfileLock(directory);
    await lock.release();
    await expect(lock.release()).resolves.toBeUndefined();
  });
});
