import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TokenTrayCore } from '../../../main/core/app';
import { createCoreApi } from '../../../main/core/api/core-api';
import type { DispatchResult } from '../../../main/core/api/dispatch';
import { createDispatcher } from '../../../main/core/api/dispatch';
import { buildListSnapshot } from '../../../main/core/view/list-snapshot';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import type { SmallDisk } from '../../support/small-disk';
import { mountSmallDisk, smallDiskUnavailable } from '../../support/small-disk';

const unavailable = smallDiskUnavailable();
if (unavailable) console.log(`Skipping the full-disk tests: ${unavailable}.`);

/** Resolves once the core says it saves changes (or does not), or at once if it already does. */
function storageOk(core: TokenTrayCore, ok: boolean): Promise<void> {
  if (core.storageState().ok === ok) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = core.subscribe((event) => {
      if (event.type === 'storage' && event.state.ok === ok) {
        stop();
        resolve();
      }
    });
  });
}

const apiOf = (core: TokenTrayCore) => {
  const dispatch = createDispatcher(createCoreApi(core, { kind: 'browser' }));
  return (method: string, ...args: unknown[]): Promise<DispatchResult> => dispatch(method, args);
};

describe.skipIf(unavailable !== null)('the profile on a disk that fills up or turns read-only', () => {
  let disk: SmallDisk;
  let harness: CoreHarness;

  beforeEach(async () => {
    disk = mountSmallDisk(512);
    harness = await startCoreHarness({ directory: disk.profile, storageRetryMs: 10 });
  });

  afterEach(async () => {
    disk.free();
    disk.remount('rw');
    await harness.close().catch(() => undefined);
    disk.unmount();
  });

  it('refuses changes on a full disk with storage_full and what to do, sends no renewal, and saves by itself once space returns', async () => {
    const { provisioned, connection } = await harness.connect('oauth2', { rotate: true });
    // A restart folds the journal into the file: its next line needs a block of its own.
    let core = await harness.restart();
    const api = apiOf(core);
    const refreshBefore = await harness.vault.get(connection.id, 'refreshToken');
    const requestsBefore = harness.simulator.requestCount(provisioned.key);
    disk.fill();

    const added = await api('addPartner', { name: 'Added on a full disk', contactEmail: '' });
    const renewed = await api('renewNow', connection.id);

    expect(added).toMatchObject({
      ok: false,
      status: 507,
      error: {
        code: 'storage_full',
        message: 'TokenTray cannot save changes: the disk is full.',
        guidance: expect.arrayContaining([`Free space on the disk that holds ${disk.profile}.`]),
      },
    });
    expect(renewed).toMatchObject({ ok: false, status: 507, error: { code: 'storage_full' } });
    // No request went out whose in-flight marker was not on disk, and the keychain is untouched.
    expect(harness.simulator.requestCount(provisioned.key)).toBe(requestsBefore);
    expect(await harness.vault.get(connection.id, 'refreshToken')).toBe(refreshBefore);
    const list = core.view(buildListSnapshot);
    expect(list.storage).toMatchObject({ ok: false, problem: 'full', directory: disk.profile });
    expect(list.partners.flatMap((p) => p.connections).find((c) => c.id === connection.id)).toMatchObject({
      status: 'retrying',
      waitingOnStorage: true,
    });

    disk.free();
    await storageOk(core, true);
    const retried = await api('renewNow', connection.id);
    core = await harness.restart();

    expect(retried).toMatchObject({ ok: true, result: { kind: 'renewed', rotatedRefreshToken: true } });
    expect(core.snapshot().storage).toEqual({ ok: true });
    expect(core.snapshot().partners.map((p) => p.name)).toContain('Added on a full disk');
    const refreshAfter = await harness.vault.get(connection.id, 'refreshToken');
    expect(refreshAfter).not.toBe(refreshBefore);
    expect(harness.simulator.isRefreshTokenLive(refreshAfter!)).toBe(true);
    expect(harness.simulator.familyRevoked(provisioned.key)).toBe(false);
  });

  it('says the disk is read-only with storage_unavailable (503), and keeps the settings once it is writable again', async () => {
    const core = await harness.restart();
    const api = apiOf(core);
    disk.remount('ro');

    const saved = await api('updateSettings', { clipboardClearSeconds: 45 });

    expect(saved).toMatchObject({
      ok: false,
      status: 503,
      error: {
        code: 'storage_unavailable',
        message: 'TokenTray cannot save changes: the disk is read-only.',
      },
    });
    expect(core.snapshot().storage).toMatchObject({ ok: false, problem: 'readOnly' });

    disk.remount('rw');
    await storageOk(core, true);
    const reopened = await harness.restart();

    expect(reopened.getSettings().clipboardClearSeconds).toBe(45);
  });
});
