import { afterEach, describe, expect, it } from 'vitest';
import { AxiosHttpClient } from '../../../main/core/http/axios-http-client';
import type { HttpClient, HttpRequest, HttpResponse } from '../../../main/core/http/http-client';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import { FakeClock } from '../../support/fake-clock';

let harness: CoreHarness | undefined;
let held: HeldRequests | undefined;
afterEach(async () => {
  held?.open();
  await harness?.close();
  harness = undefined;
});

/** One trip through the event loop: every settled promise has run its continuations. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The real HTTP client to the simulator, but each request waits at the door until the
 * test lets it go, so "how many are under way at once" is exact, with no sleeps.
 */
class HeldRequests implements HttpClient {
  inFlight = 0;
  maxInFlight = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly watchers: Array<{ count: number; resolve: () => void }> = [];
  private holding = true;
  constructor(private readonly inner: HttpClient) {}

  async send(request: HttpRequest): Promise<HttpResponse> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.holding) {
        await new Promise<void>((resolve) => {
          this.waiting.push(resolve);
          this.notify();
        });
      }
      return await this.inner.send(request);
    } finally {
      this.inFlight -= 1;
    }
  }

  /** Resolves once this many requests are held at the door. */
  whenHeld(count: number): Promise<void> {
    return new Promise((resolve) => {
      this.watchers.push({ count, resolve });
      this.notify();
    });
  }

  releaseAll(): void {
    for (const release of this.waiting.splice(0)) release();
  }

  /** Lets everything through from now on, so a failed test still winds down. */
  open(): void {
    this.holding = false;
    this.releaseAll();
  }

  startCounting(): void {
    this.maxInFlight = this.inFlight;
  }

  private notify(): void {
    for (const watcher of [...this.watchers]) {
      if (this.waiting.length >= watcher.count) {
        this.watchers.splice(this.watchers.indexOf(watcher), 1);
        watcher.resolve();
      }
    }
  }
}

/** Harness with held requests, `count` oauth2 connections on the one simulator host, and these limits. */
async function connectMany(count: number, concurrency: { global: number; perHost: number }) {
  const clock = new FakeClock(Date.now());
  held = new HeldRequests(new AxiosHttpClient({ now: () => clock.now() }));
  harness = await startCoreHarness({ clock, http: held });
  harness.core.updateSettings({ concurrency });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await harness.connect('oauth2')).connection.id);
  return { core: harness.core, held, ids };
}

/**
 * Waits until `count` requests are held at the door, then long enough for any renewal let
 * through with them to reach it too: a keychain round trip, as each renewal makes before sending.
 */
async function whenOut(count: number): Promise<void> {
  await held!.whenHeld(count);
  await harness!.vault.get('no-such-connection', 'refreshToken');
  await settle();
}

describe('concurrency settings apply as soon as they are saved', () => {
  it('a raised global limit lets more renewals out at once, a lowered one lets fewer, and none is cut off', async () => {
    const { core, held, ids } = await connectMany(6, { global: 2, perHost: 32 });

    const outcomes = ids.map((id) => core.renewNow(id));
    await whenOut(2);
    expect(held.inFlight).toBe(2);
    expect(held.maxInFlight).toBe(2);

    core.updateSettings({ concurrency: { global: 4, perHost: 32 } });
    await whenOut(4);
    // The two already under way were not restarted or dropped: four at once, not six.
    expect(held.inFlight).toBe(4);
    expect(held.maxInFlight).toBe(4);

    core.updateSettings({ concurrency: { global: 1, perHost: 32 } });
    held.releaseAll();
    // The four under way finish before the fifth goes out, and the last two go out one at a time.
    await whenOut(1);
    held.startCounting();
    expect(held.inFlight).toBe(1);
    held.releaseAll();
    await whenOut(1);
    expect(held.inFlight).toBe(1);
    held.releaseAll();

    const settled = await Promise.all(outcomes);
    expect(settled.map((o) => o.kind)).toEqual(Array(6).fill('renewed'));
    expect(held.maxInFlight).toBe(1);
    expect(core.snapshot().summary.counts.healthy).toBe(6);
  });

  it('a raised per-host limit lets more renewals to one partner host out at once', async () => {
    const { core, held, ids } = await connectMany(5, { global: 32, perHost: 1 });

    const outcomes = ids.map((id) => core.renewNow(id));
    await whenOut(1);
    expect(held.inFlight).toBe(1);

    core.updateSettings({ concurrency: { global: 32, perHost: 3 } });
    await whenOut(3);
    expect(held.inFlight).toBe(3);

    held.releaseAll();
    await held.whenHeld(2);
    held.releaseAll();
    expect((await Promise.all(outcomes)).every((o) => o.kind === 'renewed')).toBe(true);
    expect(held.maxInFlight).toBe(3);
  });
});
