import type { EpochMs } from '../domain';
import type { StorageError, StorageState } from '../store/storage-failure';

export type { StorageState };

export interface StorageHealthOptions {
  /** Writes what is waiting again; resolves when it is on disk. */
  retry: () => Promise<void>;
  /** Told when the state changes, not on every failed write. */
  onChange?: (state: StorageState) => void;
  now?: () => EpochMs;
  /** First wait before a retry; doubled after each failure up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

/**
 * Whether the last write of the profile succeeded. After a failure it retries the waiting
 * writes with backoff, so the state clears by itself once the disk takes writes again,
 * even when nothing else changes. The cause is logged once per failure, by its code.
 */
export class StorageHealth {
  private current: StorageState = { ok: true };
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: StorageHealthOptions) {}

  state(): StorageState {
    return this.current;
  }

  failed(error: StorageError): void {
    this.failures += 1;
    const changed = this.current.ok || this.current.problem !== error.problem;
    if (changed) {
      this.current = {
        ok: false,
        code: error.code as 'storage_full' | 'storage_unavailable',
        problem: error.problem,
        message: error.message,
        guidance: [...error.guidance],
        directory: error.directory,
        since: this.now(),
      };
      console.warn(`TokenTray: cannot save changes (${error.errno}); retrying with backoff`);
      this.options.onChange?.(this.current);
    }
    this.scheduleRetry();
  }

  succeeded(): void {
    if (this.current.ok) return;
    this.current = { ok: true };
    this.failures = 0;
    clearTimeout(this.timer);
    this.timer = undefined;
    console.warn('TokenTray: changes are saved again');
    this.options.onChange?.(this.current);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private scheduleRetry(): void {
    if (this.timer || this.closed) return;
    const base = this.options.retryDelayMs ?? 1_000;
    const delay = Math.min(
      base * 2 ** Math.min(this.failures - 1, 16),
      this.options.maxRetryDelayMs ?? 30_000,
    );
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // The writer reports the outcome (succeeded or failed, which schedules the next retry).
      this.options.retry().catch(() => undefined);
    }, delay).unref();
  }

  private now(): EpochMs {
    return (this.options.now ?? Date.now)();
  }
}
