import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fingerprint, initialState } from '../../../main/core/domain';
import { openConfStore } from '../../../main/core/store/conf-store';
import { AxiosHttpClient } from '../../../main/core/http/axios-http-client';
import type { HttpClient, HttpRequest, HttpResponse } from '../../../main/core/http/http-client';
import { renew } from '../../simulator/renew-requests';
import { profileOnDisk } from '../../support/profile-on-disk';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';

/** The real HTTP client, able to hold a renewal before it reaches the partner: the moment a second crash could fall. */
class HoldingHttp implements HttpClient {
  private held: Promise<void> | null = null;
  private reached: () => void = () => {};
  constructor(private readonly inner: HttpClient) {}

  /** Requests wait until `release` is called; `waiting` resolves once one waits. */
  holdRequests(): { waiting: Promise<void>; release: () => void } {
    let release = () => {};
    this.held = new Promise((resolve) => (release = resolve));
    const waiting = new Promise<void>((resolve) => (this.reached = resolve));
    return {
      waiting,
      release: () => {
        this.held = null;
        release();
      },
    };
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    if (this.held) {
      this.reached();
      await this.held;
    }
    return this.inner.send(request);
  }
}

describe('start-up recovery after a crash mid-rotation', () => {
  let harness: CoreHarness;
  let http: HoldingHttp;
  beforeEach(async () => {
    http = new HoldingHttp(new AxiosHttpClient());
    harness = await startCoreHarness({ http });
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

    const hold = http.holdRequests();
    const core = await harness.restart();
    await hold.waiting;
    // Recovery has run and its renewal waits on the partner: what a crash now would leave on disk.
    const onDisk = readState(harness.directory, connection.id);
    hold.release();
    await core.idle();

    expect(onDisk.phase).toBe('renewing');
    expect(onDisk.inFlight?.refreshFingerprint).toBe(inFlight.refreshFingerprint);
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
