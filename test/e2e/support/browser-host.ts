import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';
import { profileOnDisk } from '../../support/profile-on-disk';
import { ISSUED_SECRETS_DIR, LOGS_DIR, PROFILES_DIR } from './run-files';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const URL_LINE = /^TokenTray is running at (http:\/\/127\.0\.0\.1:(\d+))\/\?token=([A-Za-z0-9_-]+)$/;
const START_TIMEOUT_MS = 20_000;

/** `npm run serve` as a person starts it, on its own profile and keychain service. */
export interface BrowserHost {
  /** The link the CLI printed, token included: only ever hand it to the browser. */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  token: string;
  /** Where this host's profile keeps sealed secrets, as `connection/kind` (never the secrets). */
  secrets: { listAccounts(): Promise<string[]> };
  /** The names of the items this host keeps in its keychain service (its data key), never their values. */
  keychainAccounts(): Promise<string[]>;
  /** Under test-results/e2e-profiles: kept after stop, for the secret scan, which then removes it. */
  profileDir: string;
  /** What the host wrote to stderr so far (it prints no secrets). */
  stderr(): string;
  stop(): Promise<void>;
}

export interface BrowserHostOptions {
  /** Writes files into the fresh profile directory before the host starts on it. */
  prepareProfile?: (profileDir: string) => Promise<void>;
  /** The host's environment; the test's own unless given (a desktop's XDG folders for its mail program; no D-Bus session: no keychain). */
  env?: NodeJS.ProcessEnv;
  /** More of the host's command line (a workspace's flags, say). */
  args?: string[];
}

/** Starts `node --import tsx main/web-host/cli.ts` and waits for its one URL line. */
export async function startBrowserHost(options: BrowserHostOptions = {}): Promise<BrowserHost> {
  await Promise.all([mkdir(PROFILES_DIR, { recursive: true }), mkdir(LOGS_DIR, { recursive: true })]);
  const profileDir = await mkdtemp(join(PROFILES_DIR, 'host-'));
  await options.prepareProfile?.(profileDir);
  const service = `TokenTray-e2e-${randomUUID()}`;
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'main/web-host/cli.ts',
      '--port',
      '0',
      '--no-open',
      '--profile',
      profileDir,
      '--keychain-service',
      service,
      ...(options.args ?? []),
    ],
    { cwd: ROOT, env: options.env ?? process.env, stdio: 'pipe' },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // Teed to files, so the secret scan reads everything the host ever printed.
  const logName = join(LOGS_DIR, basename(profileDir));
  child.stdout.pipe(createWriteStream(`${logName}.stdout.log`));
  child.stderr.pipe(createWriteStream(`${logName}.stderr.log`));
  const exited = once(child, 'exit');
  const keychain = new KeytarVault({ service });

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await terminate(child, exited);
      await recordDataKeys(keychain, `${basename(profileDir)}-data-keys`);
      await forgetKeychainItems(keychain);
    })());

  try {
    const match = await urlLine(
      child,
      () => stdout,
      () => stderr,
    );
    // The key read at start-up too: one that a rotation or a start over replaces is gone by the stop.
    await recordDataKeys(keychain, `${basename(profileDir)}-data-keys-at-start`);
    return {
      url: `${match.origin}/?token=${match.token}`,
      origin: match.origin,
      port: match.port,
      token: match.token,
      secrets: { listAccounts: () => Promise.resolve(sealedPlaces(profileDir)) },
      keychainAccounts: () => keychain.listAccounts(),
      profileDir,
      stderr: () => stderr,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function urlLine(
  child: ChildProcessWithoutNullStreams,
  stdout: () => string,
  stderr: () => string,
): Promise<{ origin: string; port: number; token: string }> {
  return new Promise((resolve, reject) => {
    const finish = (error: Error | null) => {
      clearTimeout(timer);
      child.stdout.off('data', check);
      child.off('exit', onExit);
      if (error) return reject(error);
      const match = URL_LINE.exec(stdout().split('\n')[0] ?? '');
      // Never quote the line: it holds the session token.
      if (!match?.[1] || !match[2] || !match[3])
        return reject(new Error('The browser host printed an unexpected line.'));
      resolve({ origin: match[1], port: Number(match[2]), token: match[3] });
    };
    const check = () => {
      if (stdout().includes('\n')) finish(null);
    };
    const onExit = () => finish(new Error(`The browser host exited at start: ${stderr().trim()}`));
    const timer = setTimeout(
      () => finish(new Error('The browser host printed no URL line in time.')),
      START_TIMEOUT_MS,
    );
    // Registered after the collector, so `stdout()` already holds the chunk.
    child.stdout.on('data', check);
    child.once('exit', onExit);
    check();
  });
}

/** SIGTERM, as Ctrl+C would; SIGKILL if a clean stop hangs. */
async function terminate(child: ChildProcessWithoutNullStreams, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const stopped = await Promise.race([exited.then(() => true), delay(10_000).then(() => false)]);
  if (!stopped) {
    child.kill('SIGKILL');
    await exited;
  }
}

function sealedPlaces(profileDir: string): string[] {
  const { secrets } = profileOnDisk(profileDir);
  return Object.entries(secrets).flatMap(([connectionId, kinds]) =>
    Object.keys(kinds).map((kind) => `${connectionId}/${kind}`),
  );
}

/**
 * Hands the data keys the host keeps in the keychain to the secret scan, in every text form one
 * could take in a file (base64 as stored, base64url, hex): none may ever be found in one.
 */
async function recordDataKeys(keychain: KeytarVault, name: string): Promise<void> {
  const needles: string[] = [];
  for (const account of await keychain.listAccounts()) {
    const value = await keychain.readItem(account);
    if (value === null) continue;
    const key = Buffer.from(value, 'base64');
    needles.push(value, key.toString('base64url'), key.toString('hex'));
  }
  if (needles.length === 0) return;
  await mkdir(ISSUED_SECRETS_DIR, { recursive: true });
  await writeFile(join(ISSUED_SECRETS_DIR, `${name}.txt`), `${needles.join('\n')}\n`, { mode: 0o600 });
}

/** Removes what the host left in the keychain (its data key). */
async function forgetKeychainItems(keychain: KeytarVault): Promise<void> {
  for (const account of await keychain.listAccounts()) await keychain.deleteItem(account);
  await keychain.close();
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
