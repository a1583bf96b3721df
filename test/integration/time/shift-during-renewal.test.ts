import { afterEach, expect, it } from 'vitest';
import type { ConnectionId } from '../../../main/core/domain';
import type { SecretKind, SecretVault } from '../../../main/core/vault/secret-vault';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import { FakeClock } from '../../support/fake-clock';
import { viewOf } from '../faults/stored-state';
import { HOUR } from './time-support';

/** The real keychain, able to hold the writes of a renewal's answer. */
class HoldingWrites implements SecretVault {
  private held: Promise<void> | null = null;
  private reachedHold = () => {};
  /** Resolves when a write first waits. */
  reached = new Promise<void>((resolve) => (this.reachedHold = resolve));
  constructor(private readonly inner: SecretVault) {}

  hold(): () => void {
    let release = () => {};
    this.held = new Promise((resolve) => (release = resolve));
    return () => {
      this.held = null;
      release();
    };
  }

  async set(id: ConnectionId, kind: SecretKind, secret: string) {
    if (this.held) {
      this.reachedHold();
      await this.held;
    }
    return this.inner.set(id, kind, secret);
  }
  get(id: ConnectionId, kind: SecretKind) {
    return this.inner.get(id, kind);
  }
  delete(id: ConnectionId, kind: SecretKind) {
    return this.inner.delete(id, kind);
  }
  deleteAll(id: ConnectionId) {
    return this.inner.deleteAll(id);
  }
  probe() {
    return this.inner.probe();
  }
}

let harness: CoreHarness | undefined;
afterEach(async () => {
  await harness?.close();
});

it('an answer that arrived before the clock was set back, and is stored after, moves with the clock too', async () => {
  const clock = new FakeClock(Date.now());
  const startedAt = clock.now();
  let vault: HoldingWrites | undefined;
  harness = await startCoreHarness({
    clock,
    // The partner keeps true time.
    partnerNow: () => startedAt + clock.monotonicNow(),
    wrapVault: (real) => (vault = new HoldingWrites(real)),
  });
  const { connection } = await harness.connect('oauth2', { accessLifetimeSec: 3600 });
  const release = vault!.hold();
  const answeredAt = clock.now();
  const renewal = harness.core.renewNow(connection.id);
  await vault!.reached;

  // The scheduler's next check sees the clock an hour back while the keychain still writes.
  clock.jump(-HOUR);
  await clock.advanceAsync(30_000);
  release();
  expect((await renewal).kind).toBe('renewed');
  await harness.core.idle();

  const view = viewOf(harness.core, connection.id);
  expect(view.token?.issuedAt).toBe(answeredAt - HOUR);
  expect(view.token?.expiresAt).toBe(answeredAt - HOUR + HOUR);
  expect(view.lastRenewedAt).toBe(answeredAt - HOUR);
});
