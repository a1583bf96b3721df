import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../../main/core/domain';
import { FakeClock } from '../../support/fake-clock';
import { connectionFor } from '../../support/connection-for';
import { startCoreHarness } from '../../support/core-harness';
import type { CoreHarness } from '../../support/core-harness';
import { apiClient } from './api-client';
import type { ApiClient } from './api-client';

let harness: CoreHarness;
let api: ApiClient;
const clock = new FakeClock(Date.now());

// Time stands still unless a test moves it, so no renewal runs behind a test's back.
beforeAll(async () => {
  harness = await startCoreHarness({ clock });
  api = apiClient(harness.core);
});

afterAll(() => harness.close());

async function addSimulatedConnection(name: string, accessLifetimeSec = 3600) {
  const provisioned = harness.simulator.provision('oauth2', { accessLifetimeSec });
  const partner = await api.call('addPartner', { name, contactEmail: 'ops@partner.example' });
  const { input, secrets } = connectionFor(provisioned, partner.id);
  const connection = await api.call('addConnection', input, secrets);
  return { provisioned, partner, connection, input };
}

describe('the API over the core', () => {
  it('lists every preset with what its form requires', async () => {
    const presets = await api.call('listPresets');

    expect(presets.map((p) => p.dialect)).toEqual([
      'oauth2',
      'oauth-tokens-envelope',
      'partner-header',
      'bearer-rotation',
      'manual',
      'custom',
    ]);
    expect(presets[0]).toMatchObject({ title: 'OAuth 2.0', requiredSettings: ['clientId'] });
    expect(presets[0]?.requiredSecrets).toEqual(['refreshToken', 'clientSecret']);
  });

  it('adds, edits and removes a partner', async () => {
    const partner = await api.call('addPartner', { name: ' Initech ', contactEmail: 'api@initech.example' });
    const edited = await api.call('updatePartner', partner.id, { name: 'Initech', status: 'suspended' });
    const whileThere = await api.call('getSnapshot');
    await api.call('removePartner', partner.id);
    const afterwards = await api.call('getSnapshot');

    expect(partner.name).toBe('Initech');
    expect(edited).toMatchObject({ id: partner.id, status: 'suspended' });
    expect(whileThere.partners.find((p) => p.id === partner.id)?.status).toBe('suspended');
    expect(afterwards.partners.some((p) => p.id === partner.id)).toBe(false);
  });

  it('renews a connection now and shows the new token and the history entry', async () => {
    const { connection, provisioned } = await addSimulatedConnection('Umbrella');
    const outcome = await api.call('renewNow', connection.id);
    const snapshot = await api.call('getSnapshot');
    const history = await api.call('getHistory', { connectionId: connection.id });

    expect(outcome).toMatchObject({ kind: 'renewed', httpStatus: 200 });
    const view = snapshot.partners.flatMap((p) => p.connections).find((c) => c.id === connection.id);
    const renewedToken = (await harness.vault.get(connection.id, 'accessToken')) ?? '';
    expect(view?.token?.fingerprint).toBe(fingerprint(renewedToken));
    expect(view?.token?.fingerprint).not.toBe(fingerprint(provisioned.accessToken));
    expect(history.map((entry) => entry.action)).toEqual(['renewed', 'connectionAdded', 'issued']);
  });

  it('lists each connection briefly and opens one in full, with the same status and token', async () => {
    const { connection } = await addSimulatedConnection('Tyrell');
    await api.call('renewNow', connection.id);
    const row = (await api.call('getSnapshot')).partners
      .flatMap((p) => p.connections)
      .find((c) => c.id === connection.id);
    const details = await api.call('getConnection', connection.id);
    const unknown = await api.dispatch('getConnection', ['0b8e4a52-6c1d-4d0e-9c39-3f2a9a1b7e10']);

    expect(details).toMatchObject({ id: connection.id, endpoint: connection.endpoint, lastError: null });
    expect(details.previousTokens).toHaveLength(1);
    expect(row).toMatchObject({
      status: details.status,
      token: { fingerprint: details.token?.fingerprint, expiresAt: details.token?.expiresAt },
      previousFingerprints: details.previousTokens.map((t) => t.fingerprint),
    });
    // The list leaves out what only the details show.
    expect(row).not.toHaveProperty('endpoint');
    expect(row).not.toHaveProperty('previousTokens');
    expect(unknown).toMatchObject({ ok: false, status: 404, error: { code: 'not_found' } });
  });

  it('renews what is due when asked from the tray', async () => {
    const { connection } = await addSimulatedConnection('Soylent', 60);
    const notYet = await api.call('renewDue');
    // Past two thirds of its minute, as after a sleep: the wall clock moves, no timer fires.
    clock.jump(45_000);
    const renewed = await api.call('renewDue');

    expect(notYet).toBe(0);
    expect(renewed).toBe(1);
    expect((await api.call('getHistory', { connectionId: connection.id, limit: 1 }))[0]?.action).toBe(
      'renewed',
    );
  });

  it('edits a connection with new credentials, then removes it with its secrets', async () => {
    const { connection, input } = await addSimulatedConnection('Hooli');
    const fresh = harness.simulator.provision('oauth2');
    const edited = await api.call(
      'updateConnection',
      connection.id,
      { ...input, label: 'Hooli search' },
      {
        refreshToken: fresh.refreshToken,
        clientSecret: fresh.clientSecret,
      },
    );
    const storedRefresh = await harness.vault.get(connection.id, 'refreshToken');
    await api.call('removeConnection', connection.id);

    expect(edited.label).toBe('Hooli search');
    expect(storedRefresh).toBe(fresh.refreshToken);
    expect((await harness.vault.listAccounts()).filter((a) => a.startsWith(connection.id))).toEqual([]);
    const snapshot = await api.call('getSnapshot');
    expect(snapshot.partners.flatMap((p) => p.connections).some((c) => c.id === connection.id)).toBe(false);
  });

  it('pauses renewals, and changing one setting keeps the others', async () => {
    const paused = await api.call('setRenewalsPaused', true);
    const themed = await api.call('updateSettings', { theme: 'dark' });
    const read = await api.call('getSettings');
    const refused = await api.dispatch('updateSettings', [{ clipboardClearSeconds: 1 }]);

    expect(paused.renewalsPaused).toBe(true);
    expect(themed).toMatchObject({ theme: 'dark', renewalsPaused: true });
    expect(read).toEqual(themed);
    expect((await api.call('getSnapshot')).renewalsPaused).toBe(true);
    expect(refused).toMatchObject({
      status: 400,
      error: { fieldErrors: { clipboardClearSeconds: expect.any(String) } },
    });
    expect((await api.call('getSettings')).clipboardClearSeconds).toBe(30);
    await api.call('setRenewalsPaused', false);
  });
});
