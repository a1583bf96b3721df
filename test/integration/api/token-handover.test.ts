import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../../main/core/domain';
import { FakeClock } from '../../support/fake-clock';
import { startCoreHarness } from '../../support/core-harness';
import type { CoreHarness } from '../../support/core-harness';
import { apiClient } from './api-client';
import type { ApiClient } from './api-client';

let harness: CoreHarness;
let api: ApiClient;

beforeAll(async () => {
  harness = await startCoreHarness({ clock: new FakeClock(Date.now()) });
  api = apiClient(harness.core);
});

afterAll(() => harness.close());

/** The parts of a mailto: URL as a mail program reads them. */
function readMailto(mailto: string): { to: string; subject: string; body: string } {
  const [address, query = ''] = mailto.slice('mailto:'.length).split('?');
  const params = new URLSearchParams(query.replace(/\+/g, '%2B'));
  return {
    to: decodeURIComponent(address ?? ''),
    subject: params.get('subject') ?? '',
    body: params.get('body') ?? '',
  };
}

describe('handing a token over', () => {
  it('copies the token for the page to put on the clipboard in the browser host, and records it', async () => {
    const { provisioned, connection } = await harness.connect('oauth2');
    const copied = await api.call('copyToken', connection.id);
    const [latest] = await api.call('getHistory', { connectionId: connection.id, limit: 1 });

    // Compared, never printed: a failure message must not show a token.
    const { token, ...shown } = copied;
    expect(token === provisioned.accessToken).toBe(true);
    expect(shown).toEqual({ fingerprint: fingerprint(provisioned.accessToken), clearAfterSeconds: 30 });
    expect(latest).toMatchObject({ action: 'copied', fingerprint: copied.fingerprint });
    expect(JSON.stringify(latest)).not.toContain(provisioned.accessToken);
  });

  it('keeps the token in main when the host writes the clipboard itself (Electron)', async () => {
    const { provisioned, connection } = await harness.connect('partner-header');
    const clipboard: Array<{ token: string; seconds: number }> = [];
    const electron = apiClient(harness.core, {
      kind: 'electron',
      copyToClipboard: async (token, seconds) => {
        clipboard.push({ token, seconds });
      },
    });
    await api.call('updateSettings', { clipboardClearSeconds: 12 });
    const copied = await electron.call('copyToken', connection.id);

    expect(copied).toEqual({ fingerprint: fingerprint(provisioned.accessToken), clearAfterSeconds: 12 });
    expect(clipboard.length).toBe(1);
    expect(clipboard[0]?.token === provisioned.accessToken).toBe(true);
    expect(clipboard[0]?.seconds).toBe(12);
  });

  it('drafts a mail to the partner with the token, its fingerprint, issue time, expiry and a warning', async () => {
    const { provisioned, connection } = await harness.connect('oauth2', { accessLifetimeSec: 7200 });
    const draft = await api.call('shareToken', connection.id);
    const mail = readMailto(draft.mailto);
    const expires = `${new Date(provisioned.expiresAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    const [latest] = await api.call('getHistory', { connectionId: connection.id, limit: 1 });

    expect(mail.to).toBe('ops@partner.example');
    expect(mail.subject).toBe('API token for oauth2 connection (Partner oauth2)');
    expect(mail.body.includes(provisioned.accessToken)).toBe(true);
    const body = mail.body.split(provisioned.accessToken).join('[token]');
    expect(body).toContain(`Fingerprint: ${fingerprint(provisioned.accessToken)}`);
    expect(body).toMatch(/Issued: \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(body).toContain(`Expires: ${expires}`);
    expect(draft.warning).toContain('E-mail is not a secure channel');
    expect(draft.warning).toContain('partner portal');
    expect(draft.warning).toContain(`stays valid until ${expires}`);
    expect(body).toContain(draft.warning);
    expect(draft.fingerprint).toBe(fingerprint(provisioned.accessToken));
    expect(latest).toMatchObject({ action: 'shared', fingerprint: draft.fingerprint });
  });

  it('takes a replacement for a manual token: the new one is New, the old one Renewed', async () => {
    const { provisioned, connection } = await harness.connect('manual');
    const next = harness.simulator.issuePartnerToken(provisioned.key, 365 * 24 * 3600);
    const token = await api.call('replaceManualToken', connection.id, next.token, next.expiresAt);
    const view = await api.call('getConnection', connection.id);
    const row = (await api.call('getSnapshot')).partners
      .flatMap((p) => p.connections)
      .find((c) => c.id === connection.id);

    expect(token).toMatchObject({
      status: 'new',
      fingerprint: fingerprint(next.token),
      expiresAt: next.expiresAt,
    });
    expect(view?.token?.id).toBe(token.id);
    expect(view?.previousTokens[0]).toMatchObject({
      status: 'renewed',
      fingerprint: fingerprint(provisioned.accessToken),
    });
    // The list shows the old token beside the new one while it still works (manual dialect).
    expect(row?.stillValidToken).toMatchObject({
      status: 'renewed',
      fingerprint: fingerprint(provisioned.accessToken),
    });
    expect(row?.previousFingerprints).toEqual([fingerprint(provisioned.accessToken)]);
    expect(await api.dispatch('replaceManualToken', [connection.id, next.token])).toMatchObject({
      status: 409,
      error: { code: 'same_token' },
    });
  });

  it('verifies a token at the partner', async () => {
    const { connection } = await harness.connect('bearer-rotation');

    expect(await api.call('verifyToken', connection.id)).toEqual({
      ok: true,
      httpStatus: 200,
      message: 'The partner accepts this token.',
    });
  });

  it("revokes all of a partner's tokens, at the partner and in the keychain", async () => {
    const { provisioned, connection } = await harness.connect('oauth2');
    const result = await api.call('revokeAllTokens', connection.partnerId);
    const view = (await api.call('getSnapshot')).partners
      .flatMap((p) => p.connections)
      .find((c) => c.id === connection.id);

    expect(result).toEqual({ connections: 1, revokedAtPartner: 2, problems: [] });
    expect(harness.simulator.isRefreshTokenLive(provisioned.refreshToken ?? '')).toBe(false);
    expect((await harness.vault.listAccounts()).filter((a) => a.startsWith(connection.id))).toEqual([]);
    expect(view?.status).toBe('needsAction');
    expect(await api.dispatch('copyToken', [connection.id])).toMatchObject({
      status: 400,
      error: { code: 'no_token' },
    });
  });
});
