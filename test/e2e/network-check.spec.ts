import { connectionFor } from '../support/connection-for';
import { expect, test } from './fixtures';
import { connectionRow, details } from './support/window';

test('"Test connection" shows each step of the way to the partner and renews nothing', async ({
  app: page,
  api,
  simulator,
}) => {
  const account = simulator.provision('oauth2');
  const partner = await api('addPartner', { name: 'Acme Logistics' });
  const { input, secrets } = connectionFor(account, partner.id, { label: 'Orders API' });
  await api('addConnection', input, secrets);
  const row = connectionRow(page, 'Orders API');
  await expect(row).toContainText('Healthy');
  const renewalsBefore = simulator.requestCount(account.key);

  await row.click();
  const section = details(page).getByRole('region', { name: 'Network' });
  await section.getByRole('button', { name: 'Test connection' }).click();

  await expect(section).toContainText(/can be reached: a renewal would get through\. Nothing was renewed\./);
  const steps = section.getByRole('listitem');
  await expect(steps).toHaveCount(5);
  await expect(steps.first()).toHaveAttribute('data-result', 'passed');
  await expect(steps.filter({ hasText: 'Proxy' })).toContainText('connects directly');
  await expect(steps.filter({ hasText: 'TLS' })).toHaveAttribute('data-result', 'skipped');
  await expect(steps.last()).toContainText(/^HTTP.*answered HTTP 405/);
  expect(simulator.requestCount(account.key)).toBe(renewalsBefore);
});
