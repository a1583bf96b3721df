import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListSnapshot } from '../../../main/core/view/list-snapshot';
import type { ConnectionView } from '../../../main/core/view/snapshot';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';
import { startSimulator } from '../../simulator/simulator';
import type { Provisioned, Simulator } from '../../simulator/simulator';
import { connectionFor } from '../../support/connection-for';
import { callApi } from '../../support/raw-http-request';

/** Debian's libfaketime (package `faketime`): it moves the wall clock of the one process it is loaded into. */
const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';
const URL_LINE = /^TokenTray is running at http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{43})$/;
const SECOND = 1_000;
const HOUR_SEC = 3_600;
const DAY_SEC = 24 * HOUR_SEC;
/**
 * Short real lifetimes: renewed a sixth of the way in (10 s, also the shortest interval between
 * renewals), with 50 s to spare for a keychain slowed by other tests. A clock moved without
 * moving the learned times leaves renewals an hour or days away: the token dies within a minute.
 */
const LIFETIME_SEC = 60;
const RENEWAL_EVERY_MS = 10 * SECOND;
const POLICY = { renewAtShare: 1 / 6, leadTimeMs: 0, jitterMs: 0, reminderDays: [] };

interface Host {
  child: ChildProcessWithoutNullStreams;
  port: number;
  token: string;
  stderr: () => string;
}

interface Account {
  provisioned: Provisioned;
  connectionId: string;
}

const skip = existsSync(LIBFAKETIME) ? false : `${LIBFAKETIME} is missing (apt-get install faketime)`;
if (skip) console.log(`Skipping the clock-change test of the browser host: ${skip}`);

let simulator: Simulator;
let profile: string;
let offsetFile: string;
let service: string;
let host: Host | undefined;

beforeAll(async () => {
  // The partner keeps true time: only the host process gets libfaketime.
  simulator = await startSimulator();
  profile = mkdtempSync(join(tmpdir(), 'tokentray-clock-'));
  offsetFile = join(profile, '..', `${profile.split('/').pop()}.faketime`);
  service = `TokenTray-test-${randomUUID()}`;
});

afterAll(async () => {
  if (host && host.child.exitCode === null) {
    host.child.kill('SIGTERM');
    await once(host.child, 'exit');
  }
  await simulator?.close();
  const vault = new KeytarVault({ service });
  for (const account of await vault.listAccounts()) await vault.deleteAll(account.split('/')[0] ?? '');
  await vault.close();
  rmSync(profile, { recursive: true, force: true });
  rmSync(offsetFile, { force: true });
});

/** Moves the host's wall clock to true time plus `seconds`; libfaketime reads the file at every clock call. */
function setHostClock(seconds: number): void {
  writeFileSync(offsetFile, `${seconds >= 0 ? '+' : ''}${seconds}\n`);
}

async function startHost(): Promise<Host> {
  setHostClock(0);
  const child = spawn(
    process.execPath,
    [
      ...['--import', 'tsx', 'main/web-host/cli.ts', '--port', '0', '--no-open'],
      ...['--profile', profile, '--keychain-service', service],
    ],
    {
      env: {
        ...process.env,
        LD_PRELOAD: LIBFAKETIME,
        FAKETIME_TIMESTAMP_FILE: offsetFile,
        FAKETIME_NO_CACHE: '1',
        // Timers and performance.now() keep running as after a real change of the clock.
        FAKETIME_DONT_FAKE_MONOTONIC: '1',
      },
      stdio: 'pipe',
    },
  );
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  while (!out.includes('\n')) {
    if (child.exitCode !== null) throw new Error(`the host exited early: ${err}`);
    await once(child.stdout, 'data');
  }
  const match = URL_LINE.exec(out.split('\n')[0] ?? '');
  if (!match?.[1] || !match[2]) throw new Error('the host printed no URL line');
  return { child, port: Number(match[1]), token: match[2], stderr: () => err };
}

async function api<T>(method: string, ...args: unknown[]): Promise<T> {
  const response = await callApi(host!.port, host!.token, method, args);
  const body = JSON.parse(response.body) as { result?: T; error?: { code: string } };
  if (response.status !== 200) throw new Error(`${method} failed: ${response.status} ${body.error?.code}`);
  return body.result as T;
}

/** Everything the window was shown while the test watched, for the assertions at the end. */
const seen = { needsAction: [] as string[], clockWarnings: [] as string[] };

async function look(): Promise<ListSnapshot> {
  const snapshot = await api<ListSnapshot>('getSnapshot');
  for (const partner of snapshot.partners) {
    for (const connection of partner.connections) {
      if (connection.status === 'needsAction') seen.needsAction.push(connection.label);
    }
  }
  if (snapshot.clockOffset?.warning) seen.clockWarnings.push(snapshot.clockOffset.warning);
  return snapshot;
}

/** Watches the window until every account has had `more` renewal requests since `from`. */
async function untilRenewed(
  phase: string,
  accounts: Account[],
  from: number[],
  more: number,
  limitMs: number,
): Promise<void> {
  const deadline = performance.now() + limitMs;
  for (;;) {
    const snapshot = await look();
    const counts = accounts.map((a) => simulator.requestCount(a.provisioned.key));
    const lapses = accounts.map((a) => simulator.accessLapses(a.provisioned.key));
    const state = () =>
      `requests ${JSON.stringify(from)} -> ${JSON.stringify(counts)}; window ${windowRows(snapshot)}; host said: ${host!.stderr().slice(-500)}`;
    if (lapses.some((n) => n > 0)) {
      throw new Error(
        `${phase}: a token expired at the partner: lapses ${JSON.stringify(lapses)}, ${state()}`,
      );
    }
    if (counts.every((count, i) => count >= from[i]! + more)) return;
    if (performance.now() > deadline) throw new Error(`${phase}: renewals stopped: ${state()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** What the window showed, as times from its own clock: enough to see where renewals stopped. */
function windowRows(snapshot: ListSnapshot): string {
  const rows = snapshot.partners.flatMap((p) =>
    p.connections.map((c) => ({
      status: c.status,
      expiresIn: c.token?.expiresAt == null ? null : c.token.expiresAt - snapshot.at,
      renewsIn: c.nextRenewalAt === null ? null : c.nextRenewalAt - snapshot.at,
    })),
  );
  return JSON.stringify(rows);
}

/** Watches the window until it shows what `shown` looks for. */
async function untilShown(
  shown: (snapshot: ListSnapshot) => boolean,
  limitMs: number,
): Promise<ListSnapshot> {
  const deadline = performance.now() + limitMs;
  for (;;) {
    const snapshot = await look();
    if (shown(snapshot)) return snapshot;
    if (performance.now() > deadline) throw new Error('the window never showed it');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function counts(accounts: Account[]): number[] {
  return accounts.map((a) => simulator.requestCount(a.provisioned.key));
}

async function connect(dialect: Provisioned['dialect'], refreshDayLong: boolean): Promise<Account> {
  const provisioned = simulator.provision(dialect, {
    accessLifetimeSec: LIFETIME_SEC,
    ...(refreshDayLong ? { refreshLifetimeSec: DAY_SEC, sendRefreshExpiresIn: true } : {}),
  });
  const partner = await api<{ id: string }>('addPartner', { name: `Partner ${randomUUID().slice(0, 8)}` });
  const { input, secrets } = connectionFor(provisioned, partner.id, { policy: POLICY });
  const connection = await api<{ id: string }>('addConnection', input, secrets);
  return { provisioned, connectionId: connection.id };
}

describe.skipIf(skip)('the browser host with its wall clock moved at run time (libfaketime)', () => {
  it('back 1 h, forward 10 min, forward 2 days and back: no token expires at the partner, nothing renews twice, nothing is told to revoke', async () => {
    host = await startHost();
    const started = performance.now();
    const accounts = [
      await connect('oauth2', true),
      await connect('oauth2', true),
      await connect('partner-header', false),
      await connect('oauth-tokens-envelope', false),
      await connect('bearer-rotation', false),
    ];
    await untilRenewed('at true time', accounts, [0, 0, 0, 0, 0], 1, 30 * SECOND);

    // Back an hour: without moving the learned times, nothing would renew for an hour.
    setHostClock(-HOUR_SEC);
    await untilRenewed('back 1 h', accounts, counts(accounts), 2, 45 * SECOND);
    // Forward ten minutes (still 50 minutes behind): every token looks expired; each renews once.
    setHostClock(-HOUR_SEC + 600);
    await untilRenewed('forward 10 min', accounts, counts(accounts), 1, 30 * SECOND);
    // Forward two days, past the oauth2 refresh tokens' one-day life by this clock: asked once, renewed.
    setHostClock(-HOUR_SEC + 600 + 2 * DAY_SEC);
    await untilRenewed('forward 2 days', accounts, counts(accounts), 1, 30 * SECOND);
    // 1 day 23 h 10 min ahead of true time: the partners' Date headers say so.
    const twoDaysAhead = await untilShown(
      (snapshot) => /day/.test(snapshot.clockOffset?.warning ?? ''),
      15 * SECOND,
    );
    // Back to true time: two days and ten minutes back, with two more renewals each to show they go on.
    setHostClock(0);
    await untilRenewed('back 2 days', accounts, counts(accounts), 2, 45 * SECOND);
    const final = await look();

    const elapsedMs = performance.now() - started;
    for (const { provisioned } of accounts) {
      expect(simulator.accessLapses(provisioned.key)).toBe(0);
      expect(simulator.familyRevoked(provisioned.key)).toBe(false);
      // One renewal a period, plus one for each forward jump that made a token overdue: no storm, no doubles.
      expect(simulator.requestCount(provisioned.key)).toBeLessThanOrEqual(
        Math.ceil(elapsedMs / RENEWAL_EVERY_MS) + 3,
      );
    }
    expect(seen.needsAction).toEqual([]);
    expect(twoDaysAhead.clockOffset?.warning).toMatch(/clock is 1 day ahead of the partners' clocks/);
    expect(final.clockOffset?.warning).toBeNull();
    const details = await Promise.all(
      accounts.map((a) => api<ConnectionView>('getConnection', a.connectionId)),
    );
    // Renewing every ten seconds, one may be under way as the window looks.
    for (const view of details) expect(['healthy', 'renewing']).toContain(view.status);
    expect(details.map((view) => view.followUp)).toEqual([null, null, null, null, null]);
    const history = await api<Array<{ message?: string }>>('getHistory', {});
    expect(history.map((entry) => entry.message ?? '').join('\n')).not.toMatch(/revoke|expired/i);
    expect(host.stderr()).not.toMatch(/error|exception/i);
  }, 240_000);
});
