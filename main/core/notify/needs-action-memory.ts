import type { ConnectionStatus } from '../view/connection-status';

/** While a connection is still being renewed or retried it has not recovered yet. */
const STILL_IN_TROUBLE: ReadonlySet<ConnectionStatus> = new Set(['needsAction', 'renewing', 'retrying']);

/**
 * The core reports "needs action" after every refused renewal, including each
 * retry a person starts by hand. People hear about it once per episode: again
 * only after the connection has recovered and failed anew.
 */
export class NeedsActionMemory {
  private readonly notified: Set<string>;

  /** `told`: the connections told about before a restart, whose episode is not over. */
  constructor(
    told: Iterable<string> = [],
    private readonly onChange: (told: string[]) => void = () => {},
  ) {
    this.notified = new Set(told);
  }

  /** How many connections are remembered as told. */
  get remembered(): number {
    return this.notified.size;
  }

  /** True the first time in an episode; false while the connection has not recovered since. */
  shouldNotify(connectionId: string): boolean {
    if (this.notified.has(connectionId)) return false;
    this.notified.add(connectionId);
    this.onChange([...this.notified]);
    return true;
  }

  /** Forgets the connections that recovered (or were removed): `statusOf` gives null for a removed one. */
  forgetRecovered(statusOf: (connectionId: string) => ConnectionStatus | null): void {
    const before = this.notified.size;
    for (const id of this.notified) {
      const status = statusOf(id);
      if (status === null || !STILL_IN_TROUBLE.has(status)) this.notified.delete(id);
    }
    if (this.notified.size !== before) this.onChange([...this.notified]);
  }
}
