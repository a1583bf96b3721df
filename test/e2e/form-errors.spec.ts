import { expect, test } from './fixtures';
import { connectionsGrid, dialog, fillConnectionForm } from './support/window';

test('bad connection input shows each problem beside its field and stores nothing', async ({
  app: page,
  api,
  host,
  simulator,
}) => {
  const account = simulator.provision('partner-header');
  await api('addPartner', { name: 'Umbrella Shipping' });
  await page.getByRole('button', { name: 'Add connection' }).click();
  const form = dialog(page, 'Add connection');
  await fillConnectionForm(form, {
    Label: 'Rates API',
    Preset: 'partner-header',
    Endpoint: account.endpoint,
    'Partner ID': '2147483648',
    'Access token': account.accessToken,
  });
  await form.getByRole('button', { name: 'Save' }).click();

  const partnerId = form.getByLabel('Partner ID', { exact: true });
  const refreshToken = form.getByLabel('Refresh token', { exact: true });
  await expect(form.getByRole('alert')).toContainText('Check these 2 fields:');
  await expect(partnerId).toHaveAttribute('aria-invalid', 'true');
  await expect(partnerId).toHaveAccessibleDescription(/A whole number between -2147483648 and 2147483647/);
  await expect(refreshToken).toHaveAttribute('aria-invalid', 'true');
  await expect(refreshToken).toHaveAccessibleDescription(/Required for this preset/);
  await expect(partnerId).toBeFocused();

  // The host has the last word: plain http:// is for this computer only.
  await fillConnectionForm(form, {
    Endpoint: 'http://partner.example/v1/auth/token',
    'Partner ID': String(account.partnerIdHeader),
    'Refresh token': account.refreshToken,
  });
  await form.getByRole('button', { name: 'Save' }).click();
  const endpoint = form.getByLabel('Endpoint', { exact: true });
  await expect(endpoint).toHaveAttribute('aria-invalid', 'true');
  await expect(endpoint).toHaveAccessibleDescription(/must use https:\/\/\. Plain http:\/\/ is allowed only/);
  await expect(form.getByRole('alert')).toContainText('Check this field:');
  await expect(partnerId).not.toHaveAttribute('aria-invalid', 'true');
  // Nothing typed is lost after a refused save.
  await expect(form.getByLabel('Label', { exact: true })).toHaveValue('Rates API');

  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(form).toBeHidden();
  await expect(connectionsGrid(page)).toContainText('no connections yet');
  const snapshot = await api('getSnapshot');
  expect(snapshot.partners.map((p) => p.connections.length)).toEqual([0]);
  expect(await host.secrets.listAccounts()).toEqual([]);
  expect(simulator.requestCount(account.key)).toBe(0);
});

test('a partner without a name is refused beside the Name field', async ({ app: page, api }) => {
  await page.getByRole('button', { name: 'Add partner' }).click();
  const form = dialog(page, 'Add partner');
  await form.getByLabel('Contact e-mail').fill('not an address');
  await form.getByRole('button', { name: 'Save' }).click();

  const name = form.getByLabel('Name', { exact: true });
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toBeFocused();
  await expect(form.getByLabel('Contact e-mail')).toHaveAttribute('aria-invalid', 'true');
  await form.getByRole('button', { name: 'Cancel' }).click();
  expect((await api('getSnapshot')).partners).toEqual([]);
  await expect(page.getByText('No partners yet')).toBeVisible();
});
