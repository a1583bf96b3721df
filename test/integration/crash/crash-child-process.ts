import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PROFILE_LOCK_NAME, PROFILE_LOCK_STALE_MS } from '../../../main/core/store/profile-lock';
import type { ChildReport } from './crash-protocol';
import { parseChildReport } from './crash-protocol';

/** Start-up (node, keychain probe, recovery renewals) on a busy 2-core machine. */
const START_TIMEOUT_MS = 30_000;

export type ChildMode = 'churn' | 'final';

/** One run of the TokenTray child process on a profile, and everything it said. */
export class CrashChild {
  readonly reports: ChildReport[] = [];
  private stderr = '';
  private readonly process: ChildProcessWithoutNullStreams;
  private readonly closed: Promise<number | null>;
  private readonly waiters: Array<{ event: ChildReport['event']; resolve: (r: ChildReport) => void }> = [];

  /** `script`: the bundled fixture (crash-child-script.ts). */
  constructor(script: string, mode: ChildMode, profile: { directory: string; service: string }) {
    this.process = spawn(process.execPath, [script, mode, profile.directory, profile.service]);
    this.process.stderr.on(
      'data',
      (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4000)),
    );
    createInterface({ input: this.process.stdout }).on('line', (line) => this.hear(line));
    this.closed = new Promise((resolve) => this.process.once('close', (code) => resolve(code)));
  }

  /** Resolves with the first report of that kind; rejects if the child ends or stalls first. */
  async waitFor<E extends ChildReport['event']>(event: E): Promise<Extract<ChildReport, { event: E }>> {
    const heard = this.reports.find((report) => report.event === event);
    if (heard) return heard as Extract<ChildReport, { event: E }>;
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(this.failure(`said no "${event}" within ${START_TIMEOUT_MS} ms`)),
        START_TIMEOUT_MS,
      );
    });
    const ended = this.closed.then((code) => {
      throw this.failure(`exited with ${code} before saying "${event}"`);
    });
    const heardLater = new Promise<ChildReport>((resolve) => this.waiters.push({ event, resolve }));
    try {
      return (await Promise.race([heardLater, ended, stalled])) as Extract<ChildReport, { event: E }>;
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGKILL: no exit handler runs, the profile lock and any in-flight marker stay behind. */
  async kill(): Promise<void> {
    this.process.kill('SIGKILL');
    await this.closed;
  }

  /** Waits for a normal exit, and insists on it. */
  async exited(): Promise<void> {
    const code = await this.closed;
    if (code !== 0) throw this.failure(`exited with ${code}`);
  }

  private hear(line: string): void {
    const report = parseChildReport(line);
    if (!report) return;
    this.reports.push(report);
    for (const waiter of this.waiters.filter((w) => w.event === report.event)) waiter.resolve(report);
  }

  private failure(what: string): Error {
    return new Error(`The TokenTray child process ${what}. Its stderr ended with:\n${this.stderr}`);
  }
}

/**
 * A killed child's lock stays until it is PROFILE_LOCK_STALE_MS old. The parent saw the child die, so it
 * ages the lock as that wait would, and the next child takes it over through the real stale-lock path.
 */
export function ageLockOfDeadChild(directory: string): void {
  const lockPath = join(directory, PROFILE_LOCK_NAME);
  if (!existsSync(lockPath)) return;
  const past = new Date(Date.now() - PROFILE_LOCK_STALE_MS - 1_000);
  utimesSync(lockPath, past, past);
}
