/**
 * Coalesces bursts of "something changed": at most one load in flight and one
 * queued behind it, however many requests arrive meanwhile.
 */
export interface Refetcher {
  request(): void;
}

export function createRefetcher(load: () => Promise<void>): Refetcher {
  let running = false;
  let queued = false;
  const run = async (): Promise<void> => {
    running = true;
    try {
      await load();
    } catch {
      // The loader shows its own errors; a failed load must not stop the next one.
    } finally {
      running = false;
      if (queued) {
        queued = false;
        void run();
      }
    }
  };
  return {
    request() {
      if (running) queued = true;
      else void run();
    },
  };
}
