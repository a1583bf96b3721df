import { expect, openWindow, test } from './fixtures';
import { startBrowserHost } from './support/browser-host';
import { addPartnerThroughForm, connectionRow, details, dialog, fillConnectionForm } from './support/window';
import { startPostgres } from '../support/postgres';
import type { TestPostgres } from '../support/postgres';

let server: TestPostgres;
test.beforeAll(async () => {
  server = await startPostgres();
});
test.afterAll(() => server?.remove());

test("a workspace window names its workspace and member, says which settings are this computer's own, and Settings makes a join code shown once with its expiry", async ({
  page,
}) => {
  const url = await server.createDatabase();
  const database = new URL(url).pathname;
  const host = await startBrowserHost({ args: ['--workspace', url, '--member', 'Ada'] });
  try {
    await openWindow(page, host);
    await expect(page.locator('.workspace-badge')).toHaveText(`127.0.0.1:${server.port}${database} · Ada`);

    await page.getByRole('button', { name: 'Settings' }).click();
    const card = page.getByRole('region', { name: 'Shared workspace' });
    await expect(card).toContainText(`as Ada`);
    await expect(card).toContainText("Launch at login, the theme, the list's order");
    await card.getByRole('button', { name: 'Create join code' }).click();
    const code = card.getByLabel('Join code');
    await expect(code).toHaveValue(/^tj1\.[0-9a-f]{16}\.[A-Za-z0-9_-]{22}$/);
    await expect(card).toContainText('Works once, until');
    // Only the person who asked sees it: the host printed none of it.
    const secret = (await code.inputValue()).split('.')[2]!;
    expect(host.stderr()).not.toContain(secret);
    // A move in is offered only to a profile of its own.
    await expect(page.getByRole('region', { name: 'Move into a shared workspace' })).toHaveCount(0);
  } finally {
    await host.stop();
  }
});

test('a profile of its own offers to move into a shared workspace from Settings', async ({ app }) => {
  await expect(app.locator('.workspace-badge')).toHaveCount(0);
  await app.getByRole('button', { name: 'Settings' }).click();
  const card = app.getByRole('region', { name: 'Move into a shared workspace' });
  await card.getByLabel('Database URL').fill('mysql://nope');
  await card.getByLabel('Your name in the workspace').fill('Ada');
  await card.getByRole('button', { name: 'Move into the workspace' }).click();
  await expect(card).toContainText('Enter a PostgreSQL URL');
});

test("a workspace connection's history names the member whose TokenTray renewed it", async ({
  page,
  simulator,
}) => {
  const url = await server.createDatabase();
  const host = await startBrowserHost({ args: ['--workspace', url, '--member', 'Ada Lovelace'] });
  try {
    await openWindow(page, host);
    const account = simulator.provision('oauth2');
    await addPartnerThroughForm(page, { name: 'Acme Logistics', contactEmail: 'ops@acme.example' });
    await page.getByRole('button', { name: 'Add connection' }).click();
    const form = dialog(page, 'Add connection');
    await fillConnectionForm(form, {
      Label: 'Orders API',
      Preset: 'oauth2',
      Endpoint: account.endpoint,
      'Client ID': account.clientId,
      'Client secret': account.clientSecret,
      'Refresh token': account.refreshToken,
      'Access token': account.accessToken,
    });
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form).toBeHidden();
    const row = connectionRow(page, 'Orders API');
    await expect(row).toContainText('Healthy');

    await row.click();
    await details(page).getByRole('button', { name: 'History' }).click();
    const history = dialog(page, 'History of Orders API');
    await expect(history.getByRole('columnheader', { name: 'Member' })).toBeVisible();
    const renewed = history
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'Renewed', exact: true }) });
    await expect(renewed.first().getByRole('cell', { name: 'Ada Lovelace', exact: true })).toBeVisible();
  } finally {
    await host.stop();
  }
});
