import { fingerprint } from '../../main/core/domain/token';
import { expect, test } from './fixtures';
import { connectionRow, details, dialog, fillConnectionForm } from './support/window';

const DAY_SEC = 24 * 60 * 60;

test('a token pasted from the partner portal is marked New and the one it replaces Renewed', async ({
  app: page,
  api,
  simulator,
}) => {
  const account = simulator.provision('manual');
  await api('addPartner', { name: 'Globex Payments' });
  await page.getByRole('button', { name: 'Add connection' }).click();
  const form = dialog(page, 'Add connection');
  await fillConnectionForm(form, {
    Label: 'Merchant portal token',
    Preset: 'manual',
    Token: account.accessToken,
    'Verify URL': account.verifyUrl,
  });
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();

  const row = connectionRow(page, 'Merchant portal token');
  await expect(row).toContainText('Globex Payments');
  await expect(row).toContainText('Active');
  await expect(row).toContainText(fingerprint(account.accessToken));

  const replacement = simulator.issuePartnerToken(account.key, 90 * DAY_SEC);
  const panel = details(page);
  await panel.getByRole('button', { name: 'Paste new token' }).click();
  const paste = dialog(page, 'Paste new token');
  await paste.getByLabel('Token', { exact: true }).fill(replacement.token);
  await paste.getByRole('button', { name: 'Save' }).click();
  await expect(paste).toBeHidden();

  await expect(panel.getByRole('region', { name: 'Actions' })).toContainText('New token saved.');
  // Both in the row: the new token, and the old one still working until it expires.
  const tokenCell = row.getByRole('gridcell').nth(4);
  await expect(tokenCell).toContainText(`${fingerprint(replacement.token)} New`);
  await expect(tokenCell).toContainText(`${fingerprint(account.accessToken)} Renewed`);
  await expect(row).toContainText('Healthy');

  await panel.getByRole('button', { name: 'Verify token' }).click();
  await expect(panel.getByRole('region', { name: 'Actions' })).toContainText('Verified');
});
