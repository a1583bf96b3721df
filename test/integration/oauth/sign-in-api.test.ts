import { describe, expect, it } from 'vitest';
import type { CoreHarness } from '../../support/core-harness';
import type { FakeClock } from '../../support/fake-clock';
import { passSignInPages } from '../../support/oidc-sign-in-pages';
import type { OidcServer } from '../../support/oidc-server';
import { apiClient } from '../api/api-client';
import { addSignInConnection, deliverCallback, startForEachTest } from './sign-in-support';

describe('discovery and sign-in through the API both hosts serve', () => {
  let clock: FakeClock;
  let harness: CoreHarness;
  let oidc: OidcServer;
  startForEachTest({}, (world) => ({ clock, harness, oidc } = world));

  it("answers discovery with the issuer's endpoints, and an unusable issuer with a field error", async () => {
    const api = apiClient(harness.core);
    expect(await api.call('discoverIssuer', oidc.issuer)).toMatchObject({
      tokenEndpoint: `${oidc.issuer}/token`,
    });
    const refused = await api.dispatch('discoverIssuer', ['ftp://login.partner.example']);
    expect(refused).toMatchObject({
      ok: false,
      status: 400,
      error: { fieldErrors: { 'settings.issuer': 'The endpoint must be an https:// address.' } },
    });
  });

  it('Electron opens the sign-in page itself; the awaited call returns the account once the tokens are stored', async () => {
    const opened: string[] = [];
    const api = apiClient(harness.core, {
      kind: 'electron',
      openExternal: async (url) => {
        opened.push(url);
      },
    });
    const connection = await addSignInConnection(harness.core, clock, oidc);
    const started = await api.call('startSignIn', connection.id);
    expect(opened).toEqual([started.authorizationUrl]);
    const finished = api.call('finishSignIn', started.signInId);
    await deliverCallback(await passSignInPages(started.authorizationUrl, { login: 'carol' }));
    expect(await finished).toMatchObject({ connectionId: connection.id, account: 'carol@partner.example' });
  });

  it('a sign-in that failed answers with its code and sentence, never a stack', async () => {
    const api = apiClient(harness.core);
    const connection = await addSignInConnection(harness.core, clock, oidc);
    const started = await api.call('startSignIn', connection.id);
    await deliverCallback(await passSignInPages(started.authorizationUrl, { consent: 'deny' }));
    const answer = await api.dispatch('finishSignIn', [started.signInId]);
    expect(answer).toEqual({
      ok: false,
      status: 400,
      error: {
        code: 'sign_in_access_denied',
        message: "The sign-in was declined at the partner's page (access denied). Nothing was changed.",
        guidance: [
          'Sign in again and allow TokenTray access, or ask the partner why the account is refused.',
        ],
      },
    });
  });
});
