import { describe, expect, it } from 'vitest';
import { RenewalLimiter } from '../../../main/core/engine/limiter';

/** A task's end, decided by the test. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** One trip through the event loop: every settled promise has run its continuations. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('RenewalLimiter', () => {
  it('never runs more than the global and per-host limits at once', async () => {
    const limiter = new RenewalLimiter({ global: 5, perHost: 2 });
    let running = 0;
    let maxRunning = 0;
    const perHost = new Map<string, number>();
    const maxPerHost = new Map<string, number>();
    const hosts = [
      ...Array(20).fill('a.example'),
      ...Array(6).fill('b.example'),
      ...Array(6).fill('c.example'),
    ];

    const results = await Promise.all(
      hosts.map((host, i) =>
        limiter.run(host, async () => {
          running++;
          perHost.set(host, (perHost.get(host) ?? 0) + 1);
          maxRunning = Math.max(maxRunning, running);
          maxPerHost.set(host, Math.max(maxPerHost.get(host) ?? 0, perHost.get(host)!));
          // Varying lengths, so tasks finish out of order.
          for (let k = 0; k <= i % 3; k++) await settle();
          running--;
          perHost.set(host, perHost.get(host)! - 1);
          return i;
        }),
      ),
    );

    expect(results).toEqual(hosts.map((_, i) => i));
    expect(maxRunning).toBe(5);
    expect([...maxPerHost.values()]).toEqual([2, 2, 2]);
  });

  it('lets another host run while one host waits for its own slot', async () => {
    const limiter = new RenewalLimiter({ global: 2, perHost: 1 });
    const slowA = deferred();
    const started: string[] = [];
    const a1 = limiter.run('a.example', async () => {
      started.push('a1');
      await slowA.promise;
    });
    const a2 = limiter.run('a.example', async () => {
      started.push('a2');
    });
    const b1 = limiter.run('b.example', async () => {
      started.push('b1');
    });
    await b1;
    expect(started).toEqual(['a1', 'b1']);
    expect(limiter.active).toBe(1);
    expect(limiter.pending).toBe(1);
    slowA.resolve();
    await Promise.all([a1, a2]);
    expect(started).toEqual(['a1', 'b1', 'a2']);
  });

  it('counts active and pending tasks', async () => {
    const limiter = new RenewalLimiter({ global: 1 });
    const first = deferred();
    const runs = [limiter.run('a.example', () => first.promise), limiter.run('b.example', async () => {})];
    await settle();
    expect(limiter.active).toBe(1);
    expect(limiter.pending).toBe(1);
    first.resolve();
    await Promise.all(runs);
    expect(limiter.active).toBe(0);
    expect(limiter.pending).toBe(0);
  });

  it('drops an idle host, also after a task fails, and passes the failure on', async () => {
    const limiter = new RenewalLimiter();
    const gate = deferred();
    const runs = ['a.example', 'b.example', 'C.example', 'c.example'].map((host) =>
      limiter.run(host, () => gate.promise),
    );
    const failure = limiter.run('d.example', async () => {
      throw new Error('network down');
    });
    await expect(failure).rejects.toThrow('network down');
    // Host names are case-insensitive: C.example and c.example share one limit.
    expect(limiter.busyHosts).toBe(3);
    gate.resolve();
    await Promise.all(runs);
    expect(limiter.busyHosts).toBe(0);
  });

  it('defaults to 8 at once overall', async () => {
    const limiter = new RenewalLimiter({ perHost: 32 });
    const gate = deferred();
    const runs = Array.from({ length: 12 }, () => limiter.run('a.example', () => gate.promise));
    await settle();
    expect(limiter.active).toBe(8);
    expect(limiter.pending).toBe(4);
    gate.resolve();
    await Promise.all(runs);
  });

  it('applies raised and lowered limits at once, letting tasks already running finish', async () => {
    const limiter = new RenewalLimiter({ global: 2, perHost: 32 });
    const gates = Array.from({ length: 6 }, () => deferred());
    let finished = 0;
    const runs = gates.map((gate) =>
      limiter.run('a.example', async () => {
        await gate.promise;
        finished++;
      }),
    );
    await settle();
    expect(limiter.active).toBe(2);

    limiter.setLimits({ global: 4 });
    await settle();
    expect(limiter.active).toBe(4);
    expect(limiter.limits).toEqual({ global: 4, perHost: 32 });

    // Lowered below what runs now: nothing is cut off, and nothing new starts until it is under the limit.
    limiter.setLimits({ global: 1 });
    for (const gate of gates.slice(0, 3)) gate.resolve();
    await settle();
    expect(finished).toBe(3);
    expect(limiter.active).toBe(1);
    gates[3]!.resolve();
    await settle();
    expect(limiter.active).toBe(1);
    expect(limiter.pending).toBe(1);
    for (const gate of gates) gate.resolve();
    await Promise.all(runs);
    expect(finished).toBe(6);
  });

  it('applies a new per-host limit to a host that already has tasks waiting', async () => {
    const limiter = new RenewalLimiter({ global: 32, perHost: 1 });
    const gate = deferred();
    const runs = Array.from({ length: 5 }, () => limiter.run('a.example', () => gate.promise));
    await settle();
    expect(limiter.active).toBe(1);

    limiter.setLimits({ perHost: 3 });
    await settle();
    expect(limiter.active).toBe(3);
    gate.resolve();
    await Promise.all(runs);
  });
  it('lets twice the per-host limit of renewals prepare while only the per-host limit of requests go out', async () => {
    const limiter = new RenewalLimiter({ global: 8, perHost: 2 });
    let underWay = 0;
    let maxUnderWay = 0;
    let sending = 0;
    let maxSending = 0;
    const partner = Array.from({ length: 10 }, () => deferred());

    const renewals = partner.map((answer) =>
      limiter.renewal('a.example', async (request) => {
        underWay++;
        maxUnderWay = Math.max(maxUnderWay, underWay);
        await settle(); // the keychain read and the marker's sync
        await request(async () => {
          sending++;
          maxSending = Math.max(maxSending, sending);
          await answer.promise;
          sending--;
        });
        underWay--;
      }),
    );
    await settle();
    await settle();

    expect(maxSending).toBe(2);
    expect(maxUnderWay).toBe(4);
    for (const answer of partner) answer.resolve();
    await Promise.all(renewals);
    expect(maxSending).toBe(2);
    expect(maxUnderWay).toBe(4);
  });

  it('bounds renewals by the global limit across hosts', async () => {
    const limiter = new RenewalLimiter({ global: 3, perHost: 4 });
    let underWay = 0;
    let maxUnderWay = 0;
    const hosts = ['a.example', 'b.example', 'c.example', 'd.example'];
    await Promise.all(
      hosts.flatMap((host) =>
        [1, 2, 3].map(() =>
          limiter.renewal(host, async (request) => {
            underWay++;
            maxUnderWay = Math.max(maxUnderWay, underWay);
            await request(() => settle());
            underWay--;
          }),
        ),
      ),
    );
    expect(maxUnderWay).toBe(3);
  });
});
