import { fingerprint } from '../../main/core/domain/token';
import { connectionFor } from '../support/connection-for';
import { expect, test } from './fixtures';
import { connectionRow, dialog, rowFingerprint } from './support/window';

test('a token renews on its own while the window is open, and the list shows it without a reload', async ({
  app: page,
  api,
  simulator,
}) => {
  // Twenty seconds of life, renewed at half of it: the renewal comes about ten seconds after the add, and
  // each later one before its token expires (renewals of one connection are at least ten seconds apart,
  // so a shorter token could not be kept alive and would rightly show as at risk).
  const account = simulator.provision('oauth2', { accessLifetimeSec: 20 });
  const partner = await api('addPartner', { name: 'Acme Logistics' });
  const { input, secrets } = connectionFor(account, partner.id, {
    label: 'Shipments API',
    policy: { renewAtShare: 0.5, leadTimeMs: 0, jitterMs: 0, reminderDays: [] },
  });
  await page.evaluate(() => ((window as { e2eMarker?: string }).e2eMarker = 'not reloaded'));
  await api('addConnection', input, secrets);

  const row = connectionRow(page, 'Shipments API');
  await expect(rowFingerprint(row)).toHaveText(fingerprint(account.accessToken));
  await expect(rowFingerprint(row)).not.toHaveText(fingerprint(account.accessToken), { timeout: 20_000 });
  await expect(row).toContainText('Healthy');
  await expect(row).toContainText('Active');
  expect(simulator.requestCount(account.key)).toBeGreaterThanOrEqual(1);

  const renewed = await rowFingerprint(row).innerText();
  await row.click();
  await page.getByRole('button', { name: 'History' }).click();
  const history = dialog(page, 'History of Shipments API');
  const renewal = history
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: 'Renewed', exact: true }) })
    .filter({ hasText: renewed });
  await expect(renewal).toHaveCount(1);
  expect(await page.evaluate(() => (window as { e2eMarker?: string }).e2eMarker)).toBe('not reloaded');
});
