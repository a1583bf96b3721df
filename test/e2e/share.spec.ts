import { connectionFor } from '../support/connection-for';
import { mailDesktop } from '../support/mail-program';
import { expect, openWindow, test } from './fixtures';
import { startBrowserHost } from './support/browser-host';
import { hostApi } from './support/host-api';
import { connectionRow, details, dialog } from './support/window';

test('Share says what happened: no mail program answered, then the message copied; cancelling records nothing', async ({
  page,
  context,
  simulator,
}) => {
  const desktop = await mailDesktop({ withMailProgram: false });
  const host = await startBrowserHost({ env: desktop.env });
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
    const api = hostApi(host);
    const partner = await api('addPartner', { name: 'Acme Logistics', contactEmail: 'ops@acme.example' });
    const { input, secrets } = connectionFor(simulator.provision('partner-header'), partner.id, {
      label: 'Rates API',
    });
    const connection = await api('addConnection', input, secrets);
    const shares = async () =>
      (await api('getHistory', { connectionId: connection.id })).filter((entry) => entry.action === 'shared');
    await openWindow(page, host);
    await connectionRow(page, 'Rates API').click();
    const share = details(page).getByRole('button', { name: 'Share with partner' });

    await share.click();
    const open = dialog(page, 'Share with Acme Logistics?');
    await expect(open.getByText('E-mail is not a secure channel')).toBeVisible();
    await open.getByRole('button', { name: 'Cancel' }).click();
    await expect(open).toBeHidden();
    expect(await shares()).toEqual([]);

    await share.click();
    await open.getByRole('button', { name: 'Open mail draft' }).click();
    await expect(open.getByText('No mail program answered. Nothing was shared.')).toBeVisible();
    await expect(open.getByRole('button', { name: 'Open mail draft' })).toHaveCount(0);
    await expect(open.getByRole('button', { name: 'Copy message' })).toBeFocused();
    expect(await shares()).toEqual([]);

    await open.getByRole('button', { name: 'Copy message' }).click();
    await expect(open).toBeHidden();
    await expect(
      details(page).getByText('Message copied: paste it into a mail to ops@acme.example.'),
    ).toBeVisible();
    const pasted = await page.evaluate(() => navigator.clipboard.readText());
    // Checked without printing: the message holds the token.
    expect(
      pasted.startsWith('To: ops@acme.example\r\nSubject: API token for Rates API (Acme Logistics)'),
    ).toBe(true);
    expect(await shares()).toHaveLength(1);
  } finally {
    await host.stop();
    await desktop.dispose();
  }
});

test('Share hands the mail draft to the mail program and says so', async ({ page, simulator }) => {
  const desktop = await mailDesktop({ withMailProgram: true });
  const host = await startBrowserHost({ env: desktop.env });
  try {
    const api = hostApi(host);
    const partner = await api('addPartner', { name: 'Acme Logistics', contactEmail: 'ops@acme.example' });
    const { input, secrets } = connectionFor(simulator.provision('oauth2'), partner.id, {
      label: 'Orders API',
    });
    const connection = await api('addConnection', input, secrets);
    await openWindow(page, host);
    await connectionRow(page, 'Orders API').click();
    await details(page).getByRole('button', { name: 'Share with partner' }).click();
    await dialog(page, 'Share with Acme Logistics?').getByRole('button', { name: 'Open mail draft' }).click();

    await expect(
      details(page).getByText('Mail draft handed to your mail program for ops@acme.example.'),
    ).toBeVisible();
    const received = (await desktop.received()) ?? '';
    expect(received.startsWith('mailto:ops@acme.example?subject=API%20token%20for%20Orders%20API')).toBe(
      true,
    );
    const [latest] = await api('getHistory', { connectionId: connection.id, limit: 1 });
    expect(latest).toMatchObject({ action: 'shared', message: 'Mail draft handed to the mail program.' });
  } finally {
    await host.stop();
    await desktop.dispose();
  }
});
