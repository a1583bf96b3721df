import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { makeTestCertificates } from '../support/test-certificates';
import { connectionFor } from '../support/connection-for';
import { startTinyproxy } from '../support/tinyproxy';
import { expect, openWindow, test } from './fixtures';
import type { BrowserHost } from './support/browser-host';
import { seriousAxeFindings } from './support/axe';
import { ISSUED_SECRETS_DIR } from './support/run-files';
import { connectionRow, details, dialog, fillConnectionForm } from './support/window';

const certificates = makeTestCertificates();
const PROXY_PASSWORD = 'e2e-proxy-password-3b9d71';
const TINYPROXY_PASSWORD = 'e2e-tinyproxy-password-90c4';
/** The shape of a PEM certificate around bytes that are no certificate: only a real parse finds it out. */
const UNPARSEABLE_PEM = `-----BEGIN CERTIFICATE-----\n${Buffer.from('no certificate here, just text').toString('base64')}\n-----END CERTIFICATE-----\n`;

/** A field's error as the window shows it: marked invalid, the sentence as its description. */
async function expectFieldError(form: Locator, label: string, message: RegExp): Promise<void> {
  const field = form.getByLabel(label, { exact: true });
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(message);
}

async function reload(page: Page, host: BrowserHost): Promise<void> {
  await openWindow(page, host);
}

test('Settings → Network: a proxy without a scheme and a PEM that does not parse are field errors; valid values save and survive a reload', async ({
  app: page,
  api,
  host,
}) => {
  await page.getByRole('button', { name: 'Settings' }).click();
  const form = page.locator('.settings-form');
  const proxy = form.getByLabel('Proxy', { exact: true });
  const ca = form.getByLabel('Extra CA certificates (PEM)', { exact: true });
  await proxy.fill('proxy.example.com:3128');
  await ca.fill('my company CA');
  await form.getByRole('button', { name: 'Save' }).click();

  await expectFieldError(form, 'Proxy', /A URL with its scheme, such as http:\/\/proxy\.example\.com:3128/);
  await expect(proxy).toBeFocused();
  await expectFieldError(form, 'Extra CA certificates (PEM)', /Paste PEM certificates/);
  await expect(form.getByRole('alert')).toContainText('Check these 2 fields:');
  // The right shape around bytes that are no certificate: the host parses it and says so beside the field.
  await proxy.fill('http://proxy.example.com:3128');
  await ca.fill(UNPARSEABLE_PEM);
  await form.getByRole('button', { name: 'Save' }).click();
  await expectFieldError(form, 'Extra CA certificates (PEM)', /A certificate in this PEM does not parse/);
  await expect(proxy).not.toHaveAttribute('aria-invalid', 'true');
  expect((await api('getSnapshot')).settings.network.proxyUrl).toBeNull();

  await ca.fill(certificates.caCert);
  await form.getByLabel('Proxy user name', { exact: true }).fill('desk-42');
  // The secret scan after the run looks for the proxy password in every file the run wrote.
  await mkdir(ISSUED_SECRETS_DIR, { recursive: true });
  await writeFile(join(ISSUED_SECRETS_DIR, 'proxy-password.txt'), `${PROXY_PASSWORD}\n`);
  await form.getByLabel('Proxy password', { exact: true }).fill(PROXY_PASSWORD);
  await form.getByLabel('Partner request timeout (seconds)', { exact: true }).fill('45');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toContainText('Settings saved.');
  await expect(ca).not.toHaveAttribute('aria-invalid', 'true');
  expect(await host.secrets.listAccounts()).toContain('profile/proxyPassword');

  await reload(page, host);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(form.getByLabel('Proxy', { exact: true })).toHaveValue('http://proxy.example.com:3128');
  await expect(form.getByLabel('Proxy user name', { exact: true })).toHaveValue('desk-42');
  // The password is never shown again: empty keeps the stored one.
  await expect(form.getByLabel('Proxy password', { exact: true })).toHaveValue('');
  await expect(form.getByLabel('Partner request timeout (seconds)', { exact: true })).toHaveValue('45');
  await expect(form.getByLabel('Extra CA certificates (PEM)', { exact: true })).toHaveValue(
    certificates.caCert.trim(),
  );
});

test("a partner's network fields: a PEM that does not parse and a timeout out of range are field errors; its CA, no-proxy and timeout save and survive a reload", async ({
  app: page,
  host,
}) => {
  await page.getByRole('button', { name: 'Add partner' }).click();
  const form = dialog(page, 'Add partner');
  await form.getByLabel('Name', { exact: true }).fill('Globex Bank');
  await form.getByText('Network', { exact: true }).click();
  const ca = form.getByLabel("The partner's CA certificates (PEM)", { exact: true });
  const timeout = form.getByLabel('Request timeout (seconds)', { exact: true });
  await ca.fill('the bank sent a zip file');
  await timeout.fill('0');
  await form.getByRole('button', { name: 'Save' }).click();
  await expectFieldError(form, "The partner's CA certificates (PEM)", /Paste PEM certificates/);
  await expectFieldError(form, 'Request timeout (seconds)', /Whole seconds from 1 to 300/);

  await ca.fill(UNPARSEABLE_PEM);
  await timeout.fill('20');
  await form.getByRole('button', { name: 'Save' }).click();
  await expectFieldError(form, "The partner's CA certificates (PEM)", /does not parse/);
  await expect(timeout).not.toHaveAttribute('aria-invalid', 'true');

  await ca.fill(certificates.caCert);
  await form.getByLabel('Reach this partner without the proxy', { exact: true }).check();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();

  await reload(page, host);
  await page.getByRole('row').filter({ hasText: 'Globex Bank' }).first().click();
  await details(page).getByRole('button', { name: 'Edit partner' }).click();
  const edit = dialog(page, /Globex Bank/);
  await edit.getByText('Network', { exact: true }).click();
  await expect(edit.getByLabel('Reach this partner without the proxy', { exact: true })).toBeChecked();
  await expect(edit.getByLabel('Request timeout (seconds)', { exact: true })).toHaveValue('20');
  await expect(edit.getByLabel("The partner's CA certificates (PEM)", { exact: true })).toHaveValue(
    certificates.caCert.trim(),
  );
});

test("a connection's client certificate and key: what does not parse is a field error; a valid pair saves, the key as a sealed secret, and survives a reload", async ({
  app: page,
  api,
  host,
  simulator,
}) => {
  const account = simulator.provision('oauth2');
  const partner = await api('addPartner', { name: 'Initech Payments' });
  const { input, secrets } = connectionFor(account, partner.id, { label: 'Payments API' });
  const connection = await api('addConnection', input, secrets);
  await connectionRow(page, 'Payments API').click();
  await details(page).getByRole('button', { name: 'Edit connection' }).click();
  const form = dialog(page, 'Edit Payments API');
  await form.getByText('Advanced', { exact: true }).click();
  const certificate = 'Client certificate (PEM)';
  const key = 'Client certificate private key (PEM)';

  await fillConnectionForm(form, { [certificate]: 'from the bank portal', [key]: 'secret key text' });
  await form.getByRole('button', { name: 'Save' }).click();
  await expectFieldError(form, certificate, /Paste a PEM certificate/);
  await expectFieldError(form, key, /Paste an unencrypted PEM private key/);

  // The right shapes around bytes that parse as neither: the host says so beside each field.
  await fillConnectionForm(form, { [certificate]: UNPARSEABLE_PEM, [key]: certificates.clientKey });
  await form.getByRole('button', { name: 'Save' }).click();
  await expectFieldError(form, certificate, /A certificate in this PEM does not parse/);
  await fillConnectionForm(form, {
    [certificate]: certificates.clientCert,
    [key]: '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----',
  });
  await form.getByRole('button', { name: 'Save' }).click();
  await expectFieldError(form, key, /This private key does not parse/);
  await expect(form.getByLabel(certificate, { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
  expect(await host.secrets.listAccounts()).not.toContain(`${connection.id}/clientKey`);

  // The secret scan after the run looks for every line of the private key's body in every file.
  await mkdir(ISSUED_SECRETS_DIR, { recursive: true });
  const keyBody = certificates.clientKey
    .split('\n')
    .filter((line) => line.length >= 16 && !line.startsWith('-----'));
  await writeFile(join(ISSUED_SECRETS_DIR, 'client-key.txt'), `${keyBody.join('\n')}\n`);
  await fillConnectionForm(form, { [certificate]: certificates.clientCert, [key]: certificates.clientKey });
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();
  expect(await host.secrets.listAccounts()).toContain(`${connection.id}/clientKey`);

  await reload(page, host);
  await connectionRow(page, 'Payments API').click();
  await details(page).getByRole('button', { name: 'Edit connection' }).click();
  const again = dialog(page, 'Edit Payments API');
  await again.getByText('Advanced', { exact: true }).click();
  await expect(again.getByLabel(certificate, { exact: true })).toHaveValue(certificates.clientCert.trim());
  // The key is never shown again: empty keeps the stored one.
  await expect(again.getByLabel(key, { exact: true })).toHaveValue('');
  await expect(again.getByLabel(key, { exact: true })).toHaveAccessibleDescription(/Leave empty to keep/);
});

test('Settings → Network: a stored proxy password can be removed, the field then says none is stored, and renewals go to the proxy without it', async ({
  app: page,
  api,
  host,
  simulator,
}) => {
  // Debian's tinyproxy asking for credentials; the simulator's 127.0.0.1 partners are sent through it.
  const tinyproxy = await startTinyproxy({ user: 'desk-42', password: TINYPROXY_PASSWORD });
  try {
    await api('updateSettings', {
      network: {
        proxyUrl: tinyproxy.url,
        proxyUsername: 'desk-42',
        proxyLoopback: true,
        extraCaPem: null,
        timeoutSeconds: 30,
      },
    });
    await page.getByRole('button', { name: 'Settings' }).click();
    const form = page.locator('.settings-form');
    const password = form.getByLabel('Proxy password', { exact: true });
    await expect(password).toHaveAccessibleDescription(/No password is stored/);
    await expect(form.getByRole('button', { name: 'Remove stored password' })).toHaveCount(0);
    await mkdir(ISSUED_SECRETS_DIR, { recursive: true });
    await writeFile(join(ISSUED_SECRETS_DIR, 'tinyproxy-password.txt'), `${TINYPROXY_PASSWORD}\n`);
    await password.fill(TINYPROXY_PASSWORD);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form).toContainText('Settings saved.');
    await expect(password).toHaveAccessibleDescription(/A password is stored/);
    expect(await seriousAxeFindings(page), 'axe on the settings with a stored proxy password').toEqual([]);

    const account = simulator.provision('oauth2');
    const partner = await api('addPartner', { name: 'Hooli Freight' });
    const { input, secrets } = connectionFor(account, partner.id, { label: 'Freight API' });
    const connection = await api('addConnection', input, secrets);
    expect(await api('renewNow', connection.id)).toMatchObject({ kind: 'renewed' });
    expect(tinyproxy.logLines().some((line) => line.includes(`POST ${simulator.url}`))).toBe(true);

    await form.getByRole('button', { name: 'Remove stored password' }).click();

    await expect(form).toContainText('Password removed: requests go to the proxy without credentials.');
    await expect(password).toHaveAccessibleDescription(/No password is stored/);
    await expect(form.getByRole('button', { name: 'Remove stored password' })).toHaveCount(0);
    expect(await host.secrets.listAccounts()).not.toContain('profile/proxyPassword');
    const requestsBefore = simulator.requestCount(account.key);
    expect(await api('renewNow', connection.id)).toMatchObject({ kind: 'followUp', reason: 'proxy_refused' });
    expect(simulator.requestCount(account.key)).toBe(requestsBefore);
    const history = await api('getHistory', {});
    expect(history.map((entry) => entry.action)).toContain('proxyPasswordRemoved');
  } finally {
    await tinyproxy.close();
  }
});
