import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { bundledChildScript } from '../../integration/crash/crash-child-script';

const SOURCE = fileURLToPath(new URL('./workspace-bench-child.ts', import.meta.url));
const START_TIMEOUT_MS = 60_000;
/** USER_HZ, the unit of /proc's times: 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

/** One instance of the benchmark's workspace, in its own process (workspace-bench-child.ts). */
export class BenchInstance {
  private stderr = '';
  private readonly closed: Promise<number | null>;

  private constructor(
    private readonly process: ChildProcessWithoutNullStreams,
    readonly member: string,
  ) {
    process.stderr.on(
      'data',
      (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4000)),
    );
    this.closed = new Promise((resolve) => process.once('close', (code) => resolve(code)));
  }

  /** Starts one and waits until it renews on the workspace. */
  static async start(url: string, service: string, member: string): Promise<BenchInstance> {
    const script = await bundledChildScript(SOURCE);
    const instance = new BenchInstance(
      spawn(process.execPath, [...childNodeArgs(), script, url, service, member]),
      member,
    );
    const started = new Promise<void>((resolve) =>
      createInterface({ input: instance.process.stdout }).on('line', (line) => {
        if (line.includes('"started"')) resolve();
      }),
    );
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        started,
        instance.closed.then((code) => {
          throw instance.failure(`exited with ${code} before it started`);
        }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(instance.failure('did not start')), START_TIMEOUT_MS);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
    return instance;
  }

  /**
   * The processor time it has used so far (user and system, from /proc on Linux; NaN elsewhere):
   * unlike wall time, it does not grow with what else the machine runs.
   */
  cpuMs(): number {
    try {
      const stat = readFileSync(`/proc/${this.process.pid}/stat`, 'utf8');
      // The fields after the command name (in parentheses, which may hold spaces): utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
    } catch {
      return Number.NaN;
    }
  }

  /** Its wall clock moves by `ms` and it replans, as on waking from sleep. */
  jump(ms: number): void {
    this.process.stdin.write(`jump ${ms}\n`);
  }

  async stop(): Promise<void> {
    this.process.kill('SIGTERM');
    await this.closed;
  }

  private failure(what: string): Error {
    return new Error(
      `The benchmark's instance ${this.member} ${what}. Its stderr ended with:\n${this.stderr}`,
    );
  }
}

/**
 * Node options for the instances, from BENCH_CHILD_NODE_ARGS (space-separated): a profile of
 * each, say, with `--cpu-prof --cpu-prof-dir=/tmp/profiles` (NODE_OPTIONS refuses --cpu-prof).
 */
function childNodeArgs(): string[] {
  return (process.env.BENCH_CHILD_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
}
