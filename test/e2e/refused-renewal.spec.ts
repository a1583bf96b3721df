import { connectionFor } from '../support/connection-for';
import { expect, test } from './fixtures';
import { connectionRow, details, dialog, fillConnectionForm } from './support/window';

test('a refused refresh token asks for new tokens; the guided path then verifies, revokes all and re-adds', async ({
  app: page,
  api,
  host,
  simulator,
}) => {
  const account = simulator.provision('oauth2');
  const partner = await api('addPartner', { name: 'Initech Freight', contactEmail: 'api@initech.example' });
  // An access token the partner never issued: its verify URL answers 401.
  const { input, secrets } = connectionFor(account, partner.id, { label: 'Tracking API' });
  const connection = await api('addConnection', input, {
    ...secrets,
    accessToken: 'made-up-access-token-for-the-e2e-test',
  });
  const accountsOfConnection = async () =>
    (await host.secrets.listAccounts()).filter((name) => name.startsWith(`${connection.id}/`));
  expect(await accountsOfConnection()).toEqual(
    expect.arrayContaining([`${connection.id}/clientSecret`, `${connection.id}/refreshToken`]),
  );

  simulator.inject(account.key, { kind: 'invalidGrant' });
  const row = connectionRow(page, 'Tracking API');
  await row.click();
  const panel = details(page);
  await panel.getByRole('button', { name: 'Renew now' }).click();

  await expect(row).toContainText('Needs action');
  await expect(panel.getByRole('region', { name: 'Actions' })).toContainText('Needs action:');
  await expect(panel.getByRole('heading', { name: 'What to do' })).toBeVisible();
  // A refused refresh token goes straight to getting new ones; renewing would only resend it.
  await expect(panel).toContainText('Renewing again would only send the refused token again');
  await expect(panel.getByText('Paste what the partner issues', { exact: true })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Renew now' })).not.toHaveClass(/button--primary/);
  await panel.getByRole('button', { name: 'The partner reports a problem' }).click();
  const steps = panel
    .getByRole('list')
    .filter({ has: page.getByText('Re-add with new credentials', { exact: true }) })
    .getByRole('listitem');
  await expect(steps).toHaveCount(4);
  await expect(steps.nth(0)).toContainText('Check with Initech Freight that their side uses the new token');
  await expect(steps.nth(0)).toContainText('api@initech.example');
  await expect(steps.nth(3)).toContainText('Re-add with new credentials');
  expect(simulator.requestCount(account.key)).toBe(1);

  await panel.getByRole('button', { name: 'Verify token' }).click();
  await expect(steps.nth(1)).toContainText(/Verification failed: .*\(HTTP 401\)/);

  await panel.getByRole('button', { name: 'Revoke all tokens' }).click();
  const confirm = dialog(page, 'Revoke all tokens of Initech Freight?');
  await confirm.getByRole('button', { name: 'Revoke all tokens' }).click();
  await expect(confirm).toBeHidden();
  await expect(steps.nth(2)).toContainText('(done)');
  await expect.poll(accountsOfConnection, { message: 'no secret of the partner is left' }).toEqual([]);
  expect(simulator.revokedCount(account.key)).toBeGreaterThanOrEqual(1);

  const fresh = simulator.provision('oauth2');
  await panel.getByRole('button', { name: 'Re-add' }).click();
  const reAdd = dialog(page, 'Re-add Tracking API');
  await fillConnectionForm(reAdd, {
    'Client ID': fresh.clientId,
    'Client secret': fresh.clientSecret,
    'Refresh token': fresh.refreshToken,
    'Access token': fresh.accessToken,
  });
  await reAdd.getByRole('button', { name: 'Save' }).click();
  await expect(reAdd).toBeHidden();

  await expect(row).toContainText('Healthy');
  await expect(panel.getByRole('heading', { name: 'What to do' })).toBeHidden();
  // The re-added token's lifetime is unknown, so TokenTray renews with the new credentials at once.
  await expect.poll(() => simulator.requestCount(fresh.key)).toBe(1);
  await expect(row).toContainText('Healthy');
  expect(await accountsOfConnection()).toEqual(
    expect.arrayContaining([`${connection.id}/clientSecret`, `${connection.id}/refreshToken`]),
  );
});
