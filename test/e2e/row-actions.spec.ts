import type { Page } from '@playwright/test';
import { connectionFor } from '../support/connection-for';
import { expect, test } from './fixtures';
import type { HostApi } from './support/host-api';
import type { Simulator } from '../simulator/simulator';
import { connectionRow, connectionsGrid, details, dialog } from './support/window';

/** Two partners with a connection each: OAuth at Acme, partner header at Globex. */
async function seed(api: HostApi, simulator: Simulator) {
  const acme = await api('addPartner', { name: 'Acme Logistics', contactEmail: 'ops@acme.example' });
  const globex = await api('addPartner', { name: 'Globex Payments' });
  const orders = connectionFor(simulator.provision('oauth2'), acme.id, { label: 'Orders API' });
  const rates = connectionFor(simulator.provision('partner-header'), globex.id, { label: 'Rates API' });
  return {
    orders: await api('addConnection', orders.input, orders.secrets),
    rates: await api('addConnection', rates.input, rates.secrets),
  };
}

/** Whether the clipboard holds the token with this fingerprint (the first 12 hex digits of its SHA-256). */
async function clipboardHolds(page: Page, fingerprint: string): Promise<boolean> {
  // Compared inside the page: the token never reaches the test's output.
  return page.evaluate(async (expected) => {
    const text = await navigator.clipboard.readText();
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
    return hex.startsWith(expected);
  }, fingerprint);
}

async function currentFingerprint(api: HostApi, id: string): Promise<string> {
  const view = await api('getConnection', id);
  if (!view.token) throw new Error('The connection has no token.');
  return view.token.fingerprint;
}

test.beforeEach(async ({ context, host }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
});

test('one click on a row copies its token in a tray-sized window, and the history records the copy', async ({
  app: page,
  api,
  simulator,
}) => {
  const { rates } = await seed(api, simulator);
  await page.setViewportSize({ width: 360, height: 640 });
  await connectionRow(page, 'Rates API').getByRole('button', { name: 'Copy token of Rates API' }).click();

  await expect(page.getByText('Copied — clipboard clears in')).toBeVisible();
  expect(await clipboardHolds(page, await currentFingerprint(api, rates.id))).toBe(true);
  // Copying is not opening: the list stays in the window.
  await expect(connectionsGrid(page)).toBeVisible();
  const [latest] = await api('getHistory', { connectionId: rates.id, limit: 1 });
  expect(latest).toMatchObject({ action: 'copied', fingerprint: await currentFingerprint(api, rates.id) });
});

test('Enter in Search opens the first match; C copies, R renews and S shares the selected row; ↓ moves into the results; ? lists the keys', async ({
  app: page,
  api,
  simulator,
}) => {
  const { orders, rates } = await seed(api, simulator);
  const search = page.getByRole('searchbox', { name: 'Search' });

  await page.locator('body').press('/');
  await search.fill('orders');
  await search.press('Enter');
  await expect(details(page).getByRole('heading', { name: 'Orders API', level: 2 })).toBeVisible();
  await expect(connectionRow(page, 'Orders API')).toHaveAttribute('aria-selected', 'true');
  await expect(connectionRow(page, 'Orders API')).toBeFocused();

  const before = await currentFingerprint(api, orders.id);
  await page.keyboard.press('r');
  await expect.poll(() => currentFingerprint(api, orders.id)).not.toBe(before);
  const [renewed] = await api('getHistory', { connectionId: orders.id, limit: 1 });
  expect(renewed).toMatchObject({ action: 'renewed' });

  await page.keyboard.press('c');
  await expect(page.getByText('Copied — clipboard clears in').first()).toBeVisible();
  expect(await clipboardHolds(page, await currentFingerprint(api, orders.id))).toBe(true);

  await page.keyboard.press('s');
  const share = dialog(page, 'Share with Acme Logistics?');
  await expect(share.getByText('ops@acme.example')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(share).toBeHidden();
  const [afterCancel] = await api('getHistory', { connectionId: orders.id, limit: 1 });
  expect(afterCancel).toMatchObject({ action: 'copied' });

  await search.fill('');
  // The list follows Search a render later (a deferred value); ↓ before that would enter the filtered rows.
  await expect(connectionRow(page, 'Rates API')).toBeVisible();
  await search.press('ArrowDown');
  const first = connectionsGrid(page).getByRole('row').nth(1);
  await expect(first).toBeFocused();
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(connectionsGrid(page).getByRole('row').nth(2)).toBeFocused();

  await page.keyboard.press('?');
  const help = dialog(page, 'Keyboard shortcuts');
  await expect(help.getByText("Copy the selected connection's token")).toBeVisible();
  await expect(help.getByText('Renew the selected connection now')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  // Not stolen from text fields: typing "c" into Search types a "c".
  await search.fill('');
  await search.press('c');
  await expect(search).toHaveValue('c');
  expect((await api('getHistory', { connectionId: rates.id })).some((e) => e.action === 'copied')).toBe(
    false,
  );
});

test('a renewal does not move the rows under the pointer; the new order applies once it leaves', async ({
  app: page,
  api,
  simulator,
}) => {
  const partner = await api('addPartner', { name: 'Acme Logistics' });
  // Soonest expiry first: Alpha (50 min left) above Bravo (55 min); renewed, Alpha lives an hour.
  const alpha = connectionFor(simulator.provision('oauth2', { accessLifetimeSec: 3600 }), partner.id, {
    label: 'Alpha API',
  });
  alpha.secrets.tokenExpiresAt = Date.now() + 50 * 60_000;
  const bravo = connectionFor(simulator.provision('oauth2', { accessLifetimeSec: 3300 }), partner.id, {
    label: 'Bravo API',
  });
  const alphaId = (await api('addConnection', alpha.input, alpha.secrets)).id;
  await api('addConnection', bravo.input, bravo.secrets);
  await page.getByLabel('Sort').selectOption('expiry');
  await page.getByLabel('Group by partner').uncheck();
  await expect
    .poll(async () => (await api('getSettings')).listView)
    .toEqual({ sort: 'expiry', grouped: false });
  const rowIndex = (label: string) => connectionRow(page, label).getAttribute('aria-rowindex');
  await expect.poll(() => rowIndex('Alpha API')).toBe('2');

  await connectionRow(page, 'Bravo API').hover();
  await api('renewNow', alphaId);
  await expect(connectionRow(page, 'Alpha API')).toContainText(/59m \d+s|1h 0m/);
  expect(await rowIndex('Alpha API')).toBe('2');
  expect(await rowIndex('Bravo API')).toBe('3');
  await expect(page.getByText('Order held while you are on the list')).toBeVisible();

  await page.mouse.move(5, 5);
  await expect.poll(() => rowIndex('Alpha API')).toBe('3');
  expect(await rowIndex('Bravo API')).toBe('2');

  // Remembered: the sort and the flat view come back with the window.
  await page.reload();
  await expect(page.getByLabel('Sort')).toHaveValue('expiry');
  await expect(page.getByLabel('Group by partner')).not.toBeChecked();
  await expect(connectionsGrid(page).getByRole('row').filter({ hasText: 'Acme Logistics' })).toHaveCount(2);
});
