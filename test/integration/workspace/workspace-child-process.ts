import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { bundledChildScript } from '../crash/crash-child-script';

const SOURCE = fileURLToPath(new URL('./fixtures/workspace-child.ts', import.meta.url));
const START_TIMEOUT_MS = 30_000;

export interface ChildLine {
  event: 'started' | 'storage';
  ok?: boolean;
  message?: string | null;
  instance?: string;
  locked?: boolean;
}

/** One TokenTray instance in its own process on a workspace (fixtures/workspace-child.ts). */
export class WorkspaceChild {
  readonly lines: ChildLine[] = [];
  private stderr = '';
  private readonly process: ChildProcessWithoutNullStreams;
  readonly closed: Promise<number | null>;
  private readonly listeners = new Set<(line: ChildLine) => void>();

  private constructor(
    script: string,
    url: string,
    service: string,
    readonly member: string,
  ) {
    this.process = spawn(process.execPath, [script, url, service, member]);
    this.process.stderr.on(
      'data',
      (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4000)),
    );
    createInterface({ input: this.process.stdout }).on('line', (text) => {
      let line: ChildLine;
      try {
        line = JSON.parse(text) as ChildLine;
      } catch {
        return;
      }
      this.lines.push(line);
      for (const listener of this.listeners) listener(line);
    });
    this.closed = new Promise((resolve) => this.process.once('close', (code) => resolve(code)));
  }

  /** Starts one and waits until it has opened the workspace and started renewing. */
  static async start(url: string, service: string, member: string): Promise<WorkspaceChild> {
    const child = new WorkspaceChild(await bundledChildScript(SOURCE), url, service, member);
    await child.waitFor((line) => line.event === 'started', 'started');
    return child;
  }

  async waitFor(
    match: (line: ChildLine) => boolean,
    what: string,
    timeoutMs = START_TIMEOUT_MS,
  ): Promise<ChildLine> {
    const seen = this.lines.find(match);
    if (seen) return seen;
    let timer: NodeJS.Timeout | undefined;
    let listener: ((line: ChildLine) => void) | undefined;
    try {
      return await Promise.race([
        new Promise<ChildLine>((resolve) => {
          listener = (line) => {
            if (match(line)) resolve(line);
          };
          this.listeners.add(listener);
        }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(this.failure(`said no "${what}" in ${timeoutMs} ms`)), timeoutMs);
        }),
        this.closed.then((code) => {
          throw this.failure(`exited with ${code} before "${what}"`);
        }),
      ]);
    } finally {
      clearTimeout(timer);
      if (listener) this.listeners.delete(listener);
    }
  }

  async kill(): Promise<void> {
    this.process.kill('SIGKILL');
    await this.closed;
  }

  /** Freezes the process where it is (SIGSTOP): its sockets stay open, it answers nothing. */
  freeze(): void {
    this.process.kill('SIGSTOP');
  }

  /** Lets a frozen process run on (SIGCONT). */
  thaw(): void {
    this.process.kill('SIGCONT');
  }

  async stop(): Promise<void> {
    this.process.kill('SIGTERM');
    await this.closed;
  }

  stderrText(): string {
    return this.stderr;
  }

  private failure(what: string): Error {
    return new Error(`The workspace child ${this.member} ${what}. Its stderr ended with:\n${this.stderr}`);
  }
}
