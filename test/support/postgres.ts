import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The unprivileged user PostgreSQL runs as when the tests run as root (it refuses to run as root). */
const SERVER_USER = 'nobody';
const SUPERUSER = 'tokentray';

/** One session with the database at `url` for `work`, ended after it whatever happens. */
export async function withDatabase<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A real PostgreSQL (Debian's) in a temporary data directory on a free loopback port. */
export interface TestPostgres {
  /** `postgres://tokentray:PASSWORD@127.0.0.1:PORT/postgres` */
  url: string;
  port: number;
  password: string;
  /** A new empty database; resolves with its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server (fast shutdown: every session ends, as when the server restarts). */
  stop(): void;
  /** Starts it again on the same port and data. */
  start(): void;
  /**
   * Stops every server process where it stands (SIGSTOP): connections stay open and nothing
   * answers, as when the server hangs or the network drops packets silently.
   */
  pause(): void;
  /** Lets the paused processes run again (SIGCONT). */
  resume(): void;
  /** Stops it and removes its data directory. */
  remove(): void;
  /** The server's log, for a secret scan. */
  logText(): string;
}

/** Where Debian keeps the server programs when they are not on PATH. */
function binary(name: string): string {
  const onPath = spawnSync('which', [name], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return onPath;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort().reverse() : [];
  for (const version of versions) {
    const candidate = join(root, version, 'bin', name);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`PostgreSQL's ${name} was not found (install the postgresql package)`);
}

function asServerUser(command: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const [file, argv] = asRoot ? ['runuser', ['-u', SERVER_USER, '--', command, ...args]] : [command, args];
  execFileSync(file, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface TestPostgresOptions {
  /** Server settings added to the command line, e.g. `shared_preload_libraries=pg_stat_statements`. */
  settings?: string[];
}

/** initdb, then pg_ctl start: a few seconds on a busy machine. */
export async function startPostgres(given: TestPostgresOptions = {}): Promise<TestPostgres> {
  const directory = mkdtempSync(join(tmpdir(), 'tokentray-pg-'));
  const data = join(directory, 'data');
  const log = join(directory, 'server.log');
  const password = randomBytes(18).toString('base64url');
  const passwordFile = join(directory, 'password');
  writeFileSync(passwordFile, password, { mode: 0o600 });
  if (process.getuid?.() === 0) {
    const { uid, gid } = userIds(SERVER_USER);
    chownSync(directory, uid, gid);
    chownSync(passwordFile, uid, gid);
  }
  asServerUser(binary('initdb'), [
    '-D',
    data,
    '-U',
    SUPERUSER,
    '--pwfile',
    passwordFile,
    '--auth-host=scram-sha-256',
    '--auth-local=trust',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  rmSync(passwordFile);
  const port = await freePort();
  const settings = ['fsync=off', 'max_connections=200', ...(given.settings ?? [])];
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${directory} ${settings.map((s) => `-c ${s}`).join(' ')}`;
  const start = (): void =>
    asServerUser(binary('pg_ctl'), ['-D', data, '-l', log, '-o', options, '-w', 'start']);
  const stop = (): void => {
    if (existsSync(join(data, 'postmaster.pid')))
      asServerUser(binary('pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
  };
  start();
  let paused: number[] = [];
  const url = `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    password,
    async createDatabase() {
      const name = `workspace_${randomBytes(6).toString('hex')}`;
      await withDatabase(url, (client) => client.query(`CREATE DATABASE ${name}`));
      return `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/${name}`;
    },
    stop,
    start,
    pause() {
      paused = serverProcesses(data);
      for (const pid of paused) process.kill(pid, 'SIGSTOP');
    },
    resume() {
      for (const pid of [...paused].reverse()) process.kill(pid, 'SIGCONT');
      paused = [];
    },
    remove() {
      try {
        stop();
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
    logText() {
      return existsSync(log) ? readFileSync(log, 'utf8') : '';
    },
  };
}

/** The postmaster first (so it starts no new backend), then every process it started. */
function serverProcesses(data: string): number[] {
  const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' })
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((pid) => pid > 0);
  return [postmaster, ...children];
}

function userIds(user: string): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
  return { uid, gid };
}
