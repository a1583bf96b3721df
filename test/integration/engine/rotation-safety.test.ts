import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initialState } from '../../../main/core/domain';
import { openConfStore, storeFilePath } from '../../../main/core/store/conf-store';
import { journalPathFor, StoreJournal } from '../../../main/core/store/store-journal';
import { renew } from '../../simulator/renew-requests';
import type { Provisioned } from '../../simulator/simulator';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import { CountingKeychain } from '../../support/counting-keychain';

describe('a rotated refresh token is never lost', () => {
  let harness: CoreHarness;
  let keychain: CountingKeychain;
  beforeEach(async () => {
    harness = await startCoreHarness({ wrapKeychain: (real) => (keychain = new CountingKeychain(real)) });
  });
  afterEach(async () => {
    await harness.close();
  });

  it('a renewal stores its new secrets and its new state in one journal record, without a keychain call', async () => {
    const { provisioned, connection } = await harness.connect('oauth2', { rotate: true });
    await harness.core.idle();
    keychain.calls.length = 0;

    await harness.core.renewNow(connection.id);

    expect(keychain.calls).toEqual([]);
    const last = StoreJournal.open(
      journalPathFor(storeFilePath({ directory: harness.directory })),
    ).records.at(-1)!;
    const sealed = last.ops.flatMap((op) => ('seal' in op && op.value !== null ? [op.kind] : []));
    expect(sealed).toEqual(expect.arrayContaining(['refreshToken', 'accessToken']));
    expect(
      last.ops.some((op) => 'patch' in op && op.value.inFlight === null && op.value.phase === 'idle'),
    ).toBe(true);
    expect(JSON.stringify(last)).not.toContain(provisioned.refreshToken!);
    const stored = await harness.vault.get(connection.id, 'refreshToken');
    expect(stored).not.toBe(provisioned.refreshToken);
    expect(harness.simulator.isRefreshTokenLive(stored!)).toBe(true);
    expect(await harness.vault.get(connection.id, 'previousRefreshToken')).toBeNull();
  });

  it('after a crash before the answer was stored, the grace window lets the restart recover', async () => {
    const { provisioned, connection } = await harness.connect('oauth2', {
      rotate: true,
      graceWindowMs: 60_000,
    });
    await simulateCrashAfterServerRotated(harness, connection.id, provisioned);

    const core = await harness.restart();
    await core.idle();

    const view = core.snapshot().partners[0]!.connections[0]!;
    expect(view.status).toBe('healthy');
    expect(view.phase).toBe('idle');
    const stored = await harness.vault.get(connection.id, 'refreshToken');
    expect(harness.simulator.isRefreshTokenLive(stored!)).toBe(true);
    expect(core.history({ connectionId: connection.id }).map((e) => e.action)).toContain('recovered');
  });

  it('without a grace window, a token lost in a crash shows needs action with re-add guidance', async () => {
    const { provisioned, connection } = await harness.connect('oauth2', { rotate: true, graceWindowMs: 0 });
    await simulateCrashAfterServerRotated(harness, connection.id, provisioned);

    const core = await harness.restart();
    await core.idle();

    const view = core.snapshot().partners[0]!.connections[0]!;
    expect(view.status).toBe('needsAction');
    expect(view.followUp?.reason).toBe('lost_in_crash');
    expect(view.followUp?.guidance.join(' ')).toMatch(/re-add the partner/i);
  });

  it('a crash between keeping the old refresh token aside and writing the new one puts the old one back', async () => {
    const { provisioned, connection } = await harness.connect('oauth2', { rotate: true });
    await harness.vault.set(connection.id, 'previousRefreshToken', provisioned.refreshToken!);
    await harness.vault.delete(connection.id, 'refreshToken');
    await harness.core.stop();
    markInFlight(harness, connection.id);

    const core = await harness.restart();
    await core.idle();

    expect(await harness.vault.get(connection.id, 'previousRefreshToken')).toBeNull();
    expect(core.snapshot().partners[0]!.connections[0]!.status).toBe('healthy');
    expect(harness.simulator.familyRevoked(provisioned.key)).toBe(false);
  });
});

/** The server rotated, then the process died before the new tokens reached the profile. */
async function simulateCrashAfterServerRotated(
  harness: CoreHarness,
  connectionId: string,
  provisioned: Provisioned,
): Promise<void> {
  await harness.core.stop();
  const answer = await renew(provisioned);
  expect(answer.status).toBe(200);
  markInFlight(harness, connectionId);
}

/** What a process killed mid-renewal leaves in its profile: the in-flight marker. */
function markInFlight(harness: CoreHarness, connectionId: string): void {
  const store = openConfStore({ directory: harness.directory });
  const states = store.get('states');
  states[connectionId] = {
    ...(states[connectionId] ?? initialState(connectionId)),
    phase: 'renewing',
    inFlight: { startedAt: Date.now(), refreshFingerprint: null },
  };
  store.set('states', states);
}
