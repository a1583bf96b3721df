import { connectionFor } from '../support/connection-for';
import { expect, test } from './fixtures';
import { connectionRow, details } from './support/window';

test('an expiry the partner wrote as no time at all is a warning on the connection, not "Healthy"', async ({
  app: page,
  api,
  simulator,
}) => {
  const account = simulator.provision('oauth2', { expiresInForm: 'word' });
  const partner = await api('addPartner', { name: 'Globex' });
  const { input, secrets } = connectionFor(account, partner.id, { label: 'Invoices API' });
  const connection = await api('addConnection', input, secrets);
  await api('renewNow', connection.id);

  const row = connectionRow(page, 'Invoices API');
  await expect(row).toContainText('Expiring soon');
  await row.click();
  const note = details(page).getByRole('note').filter({ hasText: 'cannot read' });
  await expect(note).toContainText('expires_in held a string that is neither a number nor a date');
  await expect(details(page)).toContainText('Unknown: the expiry the partner sent could not be read');
});
