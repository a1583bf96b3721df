import { describe, expect, it } from 'vitest';
import { createRefetcher } from '../../../../renderer/hooks/refetcher';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('snapshot refetching', () => {
  it('turns a burst of changes into one load in flight and one queued behind it', async () => {
    const loads: Array<ReturnType<typeof deferred>> = [];
    const refetcher = createRefetcher(() => {
      const load = deferred();
      loads.push(load);
      return load.promise;
    });

    for (let i = 0; i < 50; i++) refetcher.request();
    expect(loads).toHaveLength(1);

    loads[0]!.resolve();
    await Promise.resolve();
    await Promise.resolve();
    expect(loads).toHaveLength(2);

    loads[1]!.resolve();
    await Promise.resolve();
    await Promise.resolve();
    expect(loads).toHaveLength(2);
  });

  it('loads again after a failed load when asked again', async () => {
    let calls = 0;
    const refetcher = createRefetcher(async () => {
      calls += 1;
      throw new Error('host gone');
    });
    refetcher.request();
    await new Promise((r) => setImmediate(r));
    refetcher.request();
    await new Promise((r) => setImmediate(r));
    expect(calls).toBe(2);
  });
});
