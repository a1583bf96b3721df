import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TokenTrayError } from '../../../main/core/domain/errors';
import type { NextStart } from '../../../main/core/host-stop';
import { endWhenCoreStops, STOPPING_GRACE_MS } from '../../../main/core/host-stop';
import { FakeClock } from '../../support/fake-clock';
import { startCoreHarness, type CoreHarness } from '../../support/core-harness';
import { startPostgres, type TestPostgres } from '../../support/postgres';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(() => server?.remove());

/** The path both hosts (the browser host's command and the Electron shell) take when their core stops by itself. */
describe('a host whose local profile stops on its own', () => {
  let clock: FakeClock;
  let harness: CoreHarness;
  let ended: Array<NextStart | null>;
  beforeEach(async () => {
    clock = new FakeClock(Date.now());
    harness = await startCoreHarness({ clock });
    ended = [];
    endWhenCoreStops(harness.core, {
      profileDir: harness.directory,
      clock,
      end: (next) => ended.push(next),
    });
  });
  afterEach(() => harness.close());

  it('ends once the window has had its moment after a move into a workspace, and names the workspace to start on', async () => {
    await harness.connect('oauth2', { rotate: true });
    const url = await server.createDatabase();
    const moved = await harness.core.moveIntoWorkspace({ url, member: 'Ada' });
    expect(moved.connections).toBe(1);
    // The core halts on the next turn; the host waits for the window to show why.
    await new Promise((resolve) => setImmediate(resolve));
    await clock.advanceAsync(STOPPING_GRACE_MS - 1);
    expect(ended).toEqual([]);
    await clock.advanceAsync(1);
    const withoutPassword = new URL(url);
    withoutPassword.password = '';
    expect(ended).toEqual([{ workspaceUrl: withoutPassword.toString(), member: 'Ada' }]);
  });

  it('ends once, naming no workspace, when it stops for another reason (its folder taken over)', async () => {
    const lost = new TokenTrayError('profile_lock_lost', 'Another TokenTray took this profile over.');
    await harness.core.halt(lost);
    await harness.core.halt(lost);
    await clock.advanceAsync(STOPPING_GRACE_MS);
    expect(ended).toEqual([null]);
  });
});
