/**
 * Lets keychain calls run side by side, except a listing, which runs alone: keytar's findCredentials
 * reads every item's secret and crashes the whole process (strdup of NULL in keytar_posix.cc) when an
 * item is deleted while it reads, as a renewal does with the previous refresh token.
 */
export class ListingGate {
  /** Settles when the last listing asked for is done. */
  private listing: Promise<void> = Promise.resolve();
  private readonly running = new Set<Promise<unknown>>();

  async shared<T>(operation: () => Promise<T>): Promise<T> {
    // A listing asked for meanwhile goes first; checked again after each wait.
    for (let waitFor = this.listing; ; waitFor = this.listing) {
      await waitFor;
      if (waitFor === this.listing) break;
    }
    const run = operation();
    this.running.add(run);
    try {
      return await run;
    } finally {
      this.running.delete(run);
    }
  }

  async alone<T>(operation: () => Promise<T>): Promise<T> {
    const previous = this.listing;
    let finish!: () => void;
    this.listing = new Promise<void>((resolve) => (finish = resolve));
    try {
      await previous;
      await Promise.allSettled([...this.running]);
      return await operation();
    } finally {
      finish();
    }
  }
}
