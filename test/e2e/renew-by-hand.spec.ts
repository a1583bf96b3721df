import { expect, test } from './fixtures';
import {
  addPartnerThroughForm,
  connectionRow,
  details,
  dialog,
  fillConnectionForm,
  rowCountdown,
  rowFingerprint,
} from './support/window';

test('a partner and an OAuth connection added through the forms count down and renew with one click', async ({
  app: page,
  simulator,
}) => {
  const account = simulator.provision('oauth2');
  await expect(page.getByText('No partners yet')).toBeVisible();

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
    'Verify URL': account.verifyUrl,
  });
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();

  // The typed access token has no stated lifetime: TokenTray renews at once to learn it.
  const row = connectionRow(page, 'Orders API');
  await expect(row).toContainText('Acme Logistics');
  await expect(row).toContainText('Healthy');
  const countdown = rowCountdown(row);
  await expect(countdown).toHaveText(/^(59m|1h 0m) \d+s$/, { timeout: 10_000 });
  const before = await countdown.innerText();
  await expect.poll(() => countdown.innerText(), { message: 'the countdown ticks' }).not.toBe(before);

  const firstFingerprint = await rowFingerprint(row).innerText();
  await row.click();
  const panel = details(page);
  await expect(panel.getByRole('heading', { name: 'Orders API' })).toBeVisible();
  await panel.getByRole('button', { name: 'Renew now' }).click();

  const actions = panel.getByRole('region', { name: 'Actions' });
  await expect(actions).toContainText(/Renewed\. The new token expires .+\. Time left: (59m|1h 0m) \d+s/);
  await expect(rowFingerprint(row)).not.toHaveText(firstFingerprint);
  const renewedFingerprint = await rowFingerprint(row).innerText();
  await expect(row).toContainText('Active');

  await panel.getByRole('button', { name: 'History' }).click();
  const history = dialog(page, 'History of Orders API');
  const renewals = history
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: 'Renewed', exact: true }) });
  // The first renewal after the add, then the one clicked; newest first.
  await expect(renewals).toHaveCount(2);
  await expect(renewals.first()).toContainText(renewedFingerprint);
  await expect(renewals.first()).toContainText('Success');
  await history.getByRole('button', { name: 'Done' }).click();
  await expect(history).toBeHidden();
});
