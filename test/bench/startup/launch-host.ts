import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { nowMs } from '../support/stats';

const PROJECT_DIR = fileURLToPath(new URL('../../../', import.meta.url));
/** As `npm run serve` starts it, TypeScript compiled on the fly by tsx. */
const CLI = 'main/web-host/cli.ts';
const READY_LINE = /^TokenTray is running at (http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)$/;

export interface RunningHost {
  origin: string;
  /** The per-launch session token: only ever handed to the browser or the API. */
  token: string;
  pid: number;
  /** From spawn to the line that says where it listens. */
  listeningMs: number;
  /** When it was spawned, in this process's `performance.now()`. */
  spawnedAt: number;
  stop(): Promise<void>;
}

export interface Launch extends Record<string, number> {
  listeningMs: number;
  /** From spawn to the whole answer of the first API call (getSnapshot, what the window asks first). */
  firstAnswerMs: number;
  /** Resident memory right after that answer. */
  residentBytes: number;
  /** Size of that answer. */
  answerBytes: number;
}

/** Starts the browser host on `profileDir` and waits for the line that says where it listens. */
export async function startHost(profileDir: string, keychainService: string): Promise<RunningHost> {
  const spawnedAt = nowMs();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      CLI,
      '--port',
      '0',
      '--profile',
      profileDir,
      '--no-open',
      '--keychain-service',
      keychainService,
    ],
    { cwd: PROJECT_DIR, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  const ready = await readyLine(child.stdout, exited);
  if (!ready) {
    await stop();
    throw new Error(`The browser host did not start:\n${stderr.trim().slice(-2000)}`);
  }
  return { ...ready, pid: child.pid!, listeningMs: nowMs() - spawnedAt, spawnedAt, stop };
}

/** Launches the browser host, times its first answer, reads its memory, and stops it. */
export async function launchHost(profileDir: string, keychainService: string): Promise<Launch> {
  const host = await startHost(profileDir, keychainService);
  try {
    const response = await fetch(`${host.origin}/api/getSnapshot`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tokentray-token': host.token },
      body: '[]',
    });
    const answer = await response.text();
    const firstAnswerMs = nowMs() - host.spawnedAt;
    if (response.status !== 200) throw new Error(`getSnapshot answered ${response.status}`);
    return {
      listeningMs: host.listeningMs,
      firstAnswerMs,
      residentBytes: await residentMemory(host.pid),
      answerBytes: Buffer.byteLength(answer),
    };
  } finally {
    await host.stop();
  }
}

async function readyLine(
  stdout: NodeJS.ReadableStream,
  exited: Promise<unknown>,
): Promise<{ origin: string; token: string } | null> {
  const lines = createInterface({ input: stdout });
  const found = new Promise<{ origin: string; token: string } | null>((resolve) => {
    lines.on('line', (line) => {
      const match = READY_LINE.exec(line.trim());
      if (match) resolve({ origin: match[1]!, token: match[2]! });
    });
    lines.once('close', () => resolve(null));
  });
  return Promise.race([found, exited.then(() => null)]);
}

/** VmRSS from /proc (Linux), in bytes. */
export async function residentMemory(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
  if (!kib) throw new Error('VmRSS not found in /proc; the start-up benchmark needs Linux');
  return Number(kib) * 1024;
}
