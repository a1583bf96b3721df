import { expect, openWindow, test } from './fixtures';
import type { Locator } from '@playwright/test';
import { COMPUTER_SETTINGS } from '../../main/core/domain/settings';
import { startBrowserHost } from './support/browser-host';
import { hostApi } from './support/host-api';
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

/** The ids of a card's fields, each named after the setting it edits (settings-<key>…). */
async function fieldIds(card: Locator): Promise<string[]> {
  return card.locator('input, textarea, select').evaluateAll((fields) => fields.map((field) => field.id));
}

const isComputerField = (id: string) => COMPUTER_SETTINGS.some((key) => id.startsWith(`settings-${key}`));

test("a workspace's Settings show only this computer's own settings under This computer, the team's under cards that say they apply to every member, and reminder days saved by one member show in another's window", async ({
  page,
}) => {
  // Two hosts, each migrating and opening the workspace, one of them joining it.
  test.setTimeout(60_000);
  const url = await server.createDatabase();
  const ada = await startBrowserHost({ args: ['--workspace', url, '--member', 'Ada'] });
  let grace: Awaited<ReturnType<typeof startBrowserHost>> | undefined;
  try {
    const { code } = await hostApi(ada)('createJoinCode');
    grace = await startBrowserHost({ args: ['--workspace', url, '--member', 'Grace', '--join', code] });
    await openWindow(page, ada);
    await page.getByRole('button', { name: 'Settings' }).click();

    const computer = page.getByRole('region', { name: 'This computer' });
    const team = [
      page.getByRole('region', { name: 'Renewal' }),
      page.getByRole('region', { name: 'Network' }),
    ];
    const computerIds = await fieldIds(computer);
    expect(computerIds).toEqual(
      expect.arrayContaining([
        'settings-launchAtLogin',
        'settings-clipboardClearSeconds',
        'settings-quietHours',
      ]),
    );
    expect(computerIds.filter((id) => !isComputerField(id))).toEqual([]);
    await expect(computer).toContainText("This computer's own: other members keep their own choices.");
    for (const card of team) {
      expect((await fieldIds(card)).filter(isComputerField)).toEqual([]);
      await expect(card).toContainText('these apply to every member');
    }
    const [renewal] = team;
    for (const label of ['Renewals at once', 'Renewals at once per partner host', 'Reminder days']) {
      await expect(renewal!.getByLabel(label, { exact: true })).toBeVisible();
      await expect(computer.getByLabel(label, { exact: true })).toHaveCount(0);
    }

    // The reminder days are the team's: saved in Ada's window, they show in Grace's.
    await renewal!.getByLabel('Reminder days', { exact: true }).fill('60, 10');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Settings saved.')).toBeVisible();
    const gracePage = await page.context().newPage();
    await openWindow(gracePage, grace);
    await gracePage.getByRole('button', { name: 'Settings' }).click();
    const graceRenewal = gracePage.getByRole('region', { name: 'Renewal' });
    await expect(graceRenewal.getByLabel('Reminder days', { exact: true })).toHaveValue('60, 10');
    // And while her window is open: Ada changes them again, and Grace's field follows.
    await renewal!.getByLabel('Reminder days', { exact: true }).fill('21');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(graceRenewal.getByLabel('Reminder days', { exact: true })).toHaveValue('21');
  } finally {
    await grace?.stop();
    await ada.stop();
  }
});

test('a profile of its own offers to move into a shared workspace from Settings', async ({ app }) => {
  await expect(app.locator('.workspace-badge')).toHaveCount(0);
  await app.getByRole('button', { name: 'Settings' }).click();
  // Every setting is this profile's own: no card says whose it is.
  await expect(app.getByRole('region', { name: 'This computer' })).toBeVisible();
  await expect(app.locator('.settings-scope')).toHaveCount(0);
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
