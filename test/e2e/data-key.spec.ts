import type { Page } from '@playwright/test';
import { sealedVersion } from '../../main/core/vault/seal';
import { connectionFor } from '../support/connection-for';
import { profileOnDisk } from '../support/profile-on-disk';
import { expect, test } from './fixtures';
import type { HostApi } from './support/host-api';
import { connectionRow, details } from './support/window';

/** The length of the clipboard's text and whether it is the token with this fingerprint, both found inside the page. */
async function clipboardToken(
  page: Page,
  fingerprint: string,
): Promise<{ length: number; matches: boolean }> {
  // Compared inside the page: the token never reaches the test's output.
  return page.evaluate(async (expected) => {
    const text = await navigator.clipboard.readText();
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
    return { length: text.length, matches: hex.startsWith(expected) };
  }, fingerprint);
}

async function currentFingerprint(api: HostApi, id: string): Promise<string> {
  const view = await api('getConnection', id);
  if (!view.token) throw new Error('The connection has no token.');
  return view.token.fingerprint;
}

/** The key versions the profile's sealed values name, as the running host has them on disk. */
function versionsOnDisk(profileDir: string): number[] {
  const { secrets } = profileOnDisk(profileDir);
  return [
    ...new Set(
      Object.values(secrets).flatMap((kinds) => Object.values(kinds).map((v) => sealedVersion(v!)!)),
    ),
  ];
}

test('Settings rotates the data key: every secret is re-sealed under the next version and the old key leaves the keychain; a 16 KiB token renews and copies whole before and after', async ({
  app: page,
  api,
  host,
  simulator,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  const partner = await api('addPartner', { name: 'Acme Logistics' });
  const account = simulator.provision('oauth2', {
    rotate: true,
    tokenLength: { access: 16 * 1024, refresh: 4 * 1024 },
  });
  const orders = connectionFor(account, partner.id, { label: 'Orders API' });
  const { id } = await api('addConnection', orders.input, orders.secrets);
  expect((await api('renewNow', id)).kind).toBe('renewed');
  const copy = connectionRow(page, 'Orders API').getByRole('button', { name: 'Copy token of Orders API' });

  await copy.click();
  await expect(page.getByText('Copied — clipboard clears in')).toBeVisible();
  expect(await clipboardToken(page, await currentFingerprint(api, id))).toEqual({
    length: 16 * 1024,
    matches: true,
  });
  expect(versionsOnDisk(host.profileDir)).toEqual([1]);
  const [firstKey] = await host.keychainAccounts();
  expect(firstKey).toMatch(/^data-key\/.+\/v1$/);

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Rotate the data key' }).click();
  await expect(page.getByText('Every secret is sealed with key version 2.')).toBeVisible();

  expect(versionsOnDisk(host.profileDir)).toEqual([2]);
  expect(await host.keychainAccounts()).toEqual([firstKey!.replace(/v1$/, 'v2')]);
  const history = await api('getHistory', { limit: 5 });
  expect(history.map((entry) => entry.action)).toContain('keyRotated');

  // The same token, opened with the new key, then renewed under it: still whole.
  await page.getByRole('button', { name: 'Tokens' }).click();
  await copy.click();
  expect(await clipboardToken(page, await currentFingerprint(api, id))).toEqual({
    length: 16 * 1024,
    matches: true,
  });
  const before = await currentFingerprint(api, id);
  await connectionRow(page, 'Orders API').click();
  await details(page).getByRole('button', { name: 'Renew now' }).click();
  await expect.poll(() => currentFingerprint(api, id)).not.toBe(before);
  await copy.click();
  expect(await clipboardToken(page, await currentFingerprint(api, id))).toEqual({
    length: 16 * 1024,
    matches: true,
  });
});
