import { KeychainUnavailableError } from '../domain/errors';
import type { Clock, TimerHandle } from '../domain/clock';
import type { HelperProcess, StartHelper } from './helper-process';

/** What the helper is asked; the secret travels only inside the IPC message. */
export type KeychainRequest =
  | { op: 'get'; service: string; account: string }
  | { op: 'set'; service: string; account: string; secret: string }
  | { op: 'delete'; service: string; account: string }
  | { op: 'list'; service: string }
  | { op: 'readMany'; service: string; accounts: string[] };

interface KeychainAnswers {
  get: string | null;
  set: null;
  delete: boolean;
  /** Account names only. */
  list: string[];
  /** The secrets of the accounts asked for that exist, as [account, secret] pairs. */
  readMany: Array<[string, string]>;
}

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

/** keytar said no; the vault shortens its message before anyone sees it. */
export class KeytarFailure extends Error {}

/** The helper ended (killed, crashed) before it answered. */
class HelperStopped extends Error {
  constructor() {
    super('the keychain helper stopped');
  }
}

interface Waiting {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: TimerHandle;
}

/** One helper process and the answers it owes. */
class RunningHelper {
  private readonly waiting = new Map<number, Waiting>();
  /** No new request goes to a retired helper; it ends once it owes nothing. */
  retired = false;
  ended = false;
  /** Ended by close(): what it owed is not asked again. */
  private closing = false;

  constructor(
    readonly process: HelperProcess,
    private readonly clock: Clock,
    onEnd: () => void,
  ) {
    process.hold(false);
    process.onMessage((message) => this.settle(message as Reply));
    process.onExit(() => {
      this.ended = true;
      const owed = [...this.waiting.values()];
      this.waiting.clear();
      for (const { reject, timer } of owed) {
        this.clock.clearTimeout(timer);
        reject(this.closing ? new KeychainUnavailableError('the keychain was closed') : new HelperStopped());
      }
      onEnd();
    });
  }

  ask(id: number, request: KeychainRequest, waiting: Waiting): void {
    if (this.waiting.size === 0) this.process.hold(true);
    this.waiting.set(id, waiting);
    this.process.send({ ...request, id });
  }

  forget(id: number): void {
    this.waiting.delete(id);
    if (this.waiting.size > 0) return;
    if (this.retired) this.process.kill();
    else if (!this.ended) this.process.hold(false);
  }

  retire(): void {
    this.retired = true;
    if (this.waiting.size === 0) this.process.kill();
  }

  /** Kills the helper; resolves once the process is gone. */
  async stop(): Promise<void> {
    this.closing = true;
    if (this.ended) return;
    const gone = new Promise<void>((resolve) => this.process.onExit(resolve));
    // Held until it is gone, or an app with nothing else to do would end before hearing so.
    this.process.hold(true);
    this.process.kill();
    await gone;
  }

  private settle(reply: Reply): void {
    const waiting = this.waiting.get(reply?.id);
    if (!waiting) return;
    this.clock.clearTimeout(waiting.timer);
    this.forget(reply.id);
    if (reply.ok) waiting.resolve(reply.value);
    else waiting.reject(new KeytarFailure(String(reply.message)));
  }
}

/**
 * keytar behind a long-lived helper process: requests go by id, many at a time, and every answer is
 * timed. A helper that fails a call, dies or stops answering is replaced on the next call, which is
 * how a keychain daemon restarted mid-run is reached again (libsecret keeps its first connection).
 */
export class KeychainHelperClient {
  private current: RunningHelper | undefined;
  /** Every helper not yet ended, including retired ones still finishing a call. */
  private readonly live = new Set<RunningHelper>();
  private nextId = 1;

  constructor(
    private readonly options: {
      script: string;
      start: StartHelper;
      clock: Clock;
      timeoutMs: number;
      /** Listings read every secret of a service, so they get longer. */
      listTimeoutMs?: number;
    },
  ) {}

  async ask<R extends KeychainRequest>(request: R): Promise<KeychainAnswers[R['op']]> {
    try {
      return await this.askOnce(request);
    } catch (error) {
      // A helper killed or crashed under a call gets one more try on a fresh one: every operation is idempotent.
      if (error instanceof HelperStopped) return this.askOnce(request);
      throw error;
    }
  }

  /** The process that serves the next call, if one is running. */
  get helperPid(): number | undefined {
    const current = this.current;
    return current && !current.ended && !current.retired ? current.process.pid : undefined;
  }

  /** Ends every helper at once; a later call starts a new one. */
  async close(): Promise<void> {
    this.current = undefined;
    await Promise.all([...this.live].map((running) => running.stop()));
  }

  private askOnce<R extends KeychainRequest>(request: R): Promise<KeychainAnswers[R['op']]> {
    const running = this.helper();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = this.options.clock.setTimeout(
        () => {
          running.forget(id);
          reject(new KeychainUnavailableError('the keychain did not answer in time'));
          // A helper stuck in a call is of no more use; what else it owed is asked again of a new one.
          this.retire(running);
          running.process.kill();
        },
        timeoutOf(request, this.options),
      );
      running.ask(id, request, {
        resolve: (value) => resolve(value as KeychainAnswers[R['op']]),
        reject: (error) => {
          // A failed call may mean a stale connection to the keychain: the next call starts afresh.
          if (error instanceof KeytarFailure) this.retire(running);
          reject(error);
        },
        timer,
      });
    });
  }

  private helper(): RunningHelper {
    const current = this.current;
    if (current && !current.retired && !current.ended) return current;
    let process: HelperProcess;
    try {
      process = this.options.start(this.options.script);
    } catch {
      throw new KeychainUnavailableError('the keychain helper could not start');
    }
    const running = new RunningHelper(process, this.options.clock, () => this.live.delete(running));
    this.live.add(running);
    this.current = running;
    return running;
  }

  private retire(running: RunningHelper): void {
    if (this.current === running) this.current = undefined;
    running.retire();
  }
}

function timeoutOf(request: KeychainRequest, options: { timeoutMs: number; listTimeoutMs?: number }): number {
  // Both read every item of the service, which takes long on a large one.
  return request.op === 'list' || request.op === 'readMany'
    ? (options.listTimeoutMs ?? options.timeoutMs)
    : options.timeoutMs;
}
