import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenTrayApi } from '../../../main/core/api/api-contract';
import type { Snapshot } from '../../../main/core/view/snapshot';
import { createCoreApi } from '../../../main/core/api/core-api';
import { toApiFailure } from '../../../main/core/api/api-errors';
import { createDispatcher } from '../../../main/core/api/dispatch';
import type { Dispatch } from '../../../main/core/api/dispatch';
import { KeychainUnavailableError, TokenTrayError } from '../../../main/core/domain';
import { startCoreHarness } from '../../support/core-harness';
import type { CoreHarness } from '../../support/core-harness';

let harness: CoreHarness;
let dispatch: Dispatch;

beforeAll(async () => {
  harness = await startCoreHarness();
  dispatch = createDispatcher(createCoreApi(harness.core, { kind: 'browser' }));
});

afterAll(() => harness.close());

function partnerCount(): number {
  return harness.core.snapshot().partners.length;
}

describe('the API dispatcher', () => {
  it('answers an unknown method with 404, also for names every object has', async () => {
    for (const method of ['dropDatabase', 'constructor', '__proto__', 'toString']) {
      expect(await dispatch(method, [])).toMatchObject({
        ok: false,
        status: 404,
        error: { code: 'unknown_method' },
      });
    }
  });

  it('refuses arguments that are not a list', async () => {
    const result = await dispatch('addPartner', { name: 'Acme' });

    expect(result).toMatchObject({ ok: false, status: 400, error: { code: 'invalid_input' } });
    expect(partnerCount()).toBe(0);
  });

  it('refuses missing and surplus arguments, naming what the call takes', async () => {
    const missing = await dispatch('renewNow', []);
    const surplus = await dispatch('getSnapshot', ['extra']);

    expect(missing).toMatchObject({
      ok: false,
      status: 400,
      error: { fieldErrors: { input: 'Expected 1 argument(s): id.' } },
    });
    expect(surplus).toMatchObject({ ok: false, status: 400, error: { code: 'invalid_input' } });
  });

  it('refuses wrong argument types with a field error per argument', async () => {
    const result = await dispatch('replaceManualToken', [42, '', 'tomorrow']);

    expect(result).toMatchObject({
      ok: false,
      status: 400,
      error: {
        fieldErrors: { id: expect.any(String), token: expect.any(String), expiresAt: expect.any(String) },
      },
    });
  });

  it('gives form field errors for a bad partner and stores nothing', async () => {
    const result = await dispatch('addPartner', [{ name: '  ', contactEmail: 'not an address' }]);

    expect(result).toEqual({
      ok: false,
      status: 400,
      error: {
        code: 'invalid_input',
        message: 'Some fields need attention.',
        guidance: [],
        fieldErrors: {
          name: 'Name is required',
          contactEmail: 'Enter a valid e-mail address, or leave it empty',
        },
      },
    });
    expect(partnerCount()).toBe(0);
  });

  it('gives field errors for a connection with an unsafe endpoint and missing secrets, and stores nothing', async () => {
    const partner = await dispatch('addPartner', [{ name: 'Globex' }]);
    const partnerId = (partner as { result: { id: string } }).result.id;
    const before = harness.core.snapshot();

    const badEndpoint = await dispatch('addConnection', [
      {
        partnerId,
        label: 'Orders',
        dialect: 'oauth2',
        endpoint: 'http://partner.example/token',
        settings: { clientId: 'c1' },
      },
      { refreshToken: 'rt-1', clientSecret: 'cs-1' },
    ]);
    const badSecret = await dispatch('addConnection', [
      { partnerId, label: 'Orders', dialect: 'oauth2', endpoint: 'https://partner.example/token' },
      { refreshToken: 12 },
    ]);

    expect(badEndpoint).toMatchObject({
      status: 400,
      error: { fieldErrors: { endpoint: expect.stringContaining('https://') } },
    });
    expect(badSecret).toMatchObject({
      status: 400,
      error: { fieldErrors: { 'secrets.refreshToken': expect.any(String) } },
    });
    const after: Snapshot = harness.core.snapshot();
    expect(after.partners).toEqual(before.partners);
    expect(await harness.vault.listAccounts()).toEqual([]);
  });

  it('answers an unknown id with 404 not_found', async () => {
    expect(await dispatch('renewNow', ['0b8e4a52-6c1d-4d0e-9c39-3f2a9a1b7e10'])).toMatchObject({
      ok: false,
      status: 404,
      error: { code: 'not_found', message: expect.stringContaining('not found') },
    });
  });

  it('answers a bug with 500 and a generic sentence, never the raw message or a stack', async () => {
    const reported: string[] = [];
    const api: TokenTrayApi = {
      ...createCoreApi(harness.core, { kind: 'browser' }),
      getSnapshot: () => Promise.reject(new Error('boom: refresh_token=rt-secret-123 at line 7')),
    };
    const result = await createDispatcher(api, { onInternalError: (method) => reported.push(method) })(
      'getSnapshot',
      [],
    );

    expect(result).toMatchObject({ ok: false, status: 500, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toMatch(/rt-secret-123|boom|at line/);
    expect(reported).toEqual(['getSnapshot']);
  });

  it('maps errors the window can act on to their status', () => {
    expect(toApiFailure(new KeychainUnavailableError())).toMatchObject({
      status: 503,
      error: { code: 'keychain_unavailable' },
    });
    expect(
      toApiFailure(new TokenTrayError('profile_locked', 'Another TokenTray is already using this profile.')),
    ).toMatchObject({
      status: 409,
    });
    expect(toApiFailure(new TokenTrayError('not_manual', 'This one renews itself.'))).toMatchObject({
      status: 400,
      error: { code: 'not_manual', message: 'This one renews itself.', guidance: [] },
    });
  });
});
