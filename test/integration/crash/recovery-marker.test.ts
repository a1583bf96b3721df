import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionId } from '../../../main/core/domain';
import { fingerprint, initialState } from '../../../main/core/domain';
import { openConfStore } from '../../../main/core/store/conf-store';
import type { SecretKind, SecretVault } from '../../../main/core/vault/secret-vault';
import { renew } from '../../simulator/renew-requests';
import { profileOnDisk } from '../../support/profile-on-disk';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';

/** The real keychain, able to hold a renewal at its first read: the moment a second crash could fall. */
class HoldingVault implements SecretVault {
  private held: Promise<void> | null = null;
  constructor(private readonly inner: SecretVault) {}

  /** Client-secret reads (a renewal's first, never recovery's) wait until the returned function is called. */
  holdRenewals(): () => void {
    let release = () => {};
    this.held = new Promise((resolve) => (release = resolve));
    return () => {
      this.held = null;
      release();
    };
  }

  async get(id: ConnectionId, kind: SecretKind) {
    if (kind === 'clientSecret' && this.held) await this.held;
    return this.inner.get(id, kind);
  }
  set(id: ConnectionId, kind: SecretKind, secret: string) {
    return this.inner.set(id, kind, secret);
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

describe('start-up recovery after a crash mid-rotation', () => {
  let harness: CoreHarness;
  let vault: HoldingVault;
  beforeEach(async () => {
    harness = await startCoreHarness({ wrapVault: (real) => (vault = new HoldingVault(real)) });
  });
  afterEach(async () => {
    await harness.close();
  });

  it('keeps the in-flight marker on disk until the recovery renewal has run, so a second crash recovers again', async () => {
    const { provisioned, connection } = await harness.connect('oauth2', {
      rotate: true,
      graceWindowMs: 60_000,
    });
    // The partner rotated, then the process died before the answer was stored.
    await harness.core.stop();
    expect((await renew(provisioned)).status).toBe(200);
    const inFlight = { startedAt: Date.now(), refreshFingerprint: fingerprint(provisioned.refreshToken!) };
    writeState(harness.directory, connection.id, { phase: 'renewing', inFlight });

    const release = vault.holdRenewals();
    const core = await harness.restart();
    // Recovery has run and its renewal waits on the keychain: what a crash now would leave on disk.
    const onDisk = readState(harness.directory, connection.id);
    release();
    await core.idle();

    expect(onDisk.phase).toBe('idle');
    expect(onDisk.inFlight).toEqual(inFlight);
    expect(readState(harness.directory, connection.id).inFlight).toBeNull();
    expect(core.snapshot().partners[0]!.connections[0]!.status).toBe('healthy');
  });
});

function readState(directory: string, connectionId: string) {
  const state = profileOnDisk(directory).states[connectionId];
  if (!state) throw new Error('No state stored for the connection');
  return state;
}

function writeState(
  directory: string,
  connectionId: string,
  patch: Partial<ReturnType<typeof initialState>>,
) {
  const store = openConfStore({ directory });
  const states = store.get('states');
  states[connectionId] = { ...(states[connectionId] ?? initialState(connectionId)), ...patch };
  store.set('states', states);
}
