import { connectionFor } from '../support/connection-for';
import { expect, test } from './fixtures';
import { connectionRow, details, dialog, fillConnectionForm } from './support/window';

test('a connection imported without its secrets asks for them, not for the revoke path; entering them makes it renew', async ({
  app: page,
  api,
  simulator,
}) => {
  const account = simulator.provision('oauth2');
  const partner = await api('addPartner', { name: 'Initech Freight', contactEmail: 'api@initech.example' });
  const { input, secrets } = connectionFor(account, partner.id, { label: 'Tracking API' });
  const original = await api('addConnection', input, secrets);
  // The plain export carries no secret: imported back, the connection has none.
  const file = await api('exportData');
  await api('removeConnection', original.id);
  const imported = await api('importData', file.contents);
  expect(imported).toMatchObject({ connectionsAdded: 1, needCredentials: 1 });

  const row = connectionRow(page, 'Tracking API');
  await expect(row).toContainText('Needs action');
  await row.click();
  const panel = details(page);
  await expect(panel.getByRole('heading', { name: 'What to do' })).toBeVisible();
  await expect(panel.getByText('Enter what the partner issued', { exact: true })).toBeVisible();
  // Nothing was refused and nothing can be renewed yet: no revoke path, and Renew now is not the way.
  await expect(panel.getByRole('button', { name: 'Revoke all tokens' })).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Renew now' })).not.toHaveClass(/button--primary/);
  expect(simulator.requestCount(account.key)).toBe(0);

  await panel.getByRole('button', { name: 'Enter credentials' }).click();
  const form = dialog(page, 'Re-add Tracking API');
  await fillConnectionForm(form, {
    'Client secret': account.clientSecret,
    'Refresh token': account.refreshToken,
  });
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();

  await expect(row).toContainText('Healthy');
  await expect(panel.getByRole('heading', { name: 'What to do' })).toBeHidden();
  // Its lifetime is unknown, so TokenTray renews with the entered credentials at once.
  await expect.poll(() => simulator.requestCount(account.key)).toBe(1);
});
