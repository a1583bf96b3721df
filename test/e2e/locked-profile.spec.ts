import { createHash } from 'node:crypto';
import { copyFile, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PROFILE_LOCK_NAME } from '../../main/core/store/profile-lock';
import { INSTANCE_FILE_NAME } from '../../main/web-host/instance-file';
import { connectionFor } from '../support/connection-for';
import { expect, openWindow, test } from './fixtures';
import { seriousAxeFindings } from './support/axe';
import { startBrowserHost } from './support/browser-host';
import { hostApi } from './support/host-api';
import { connectionRow, details, dialog, fillConnectionForm, rowFingerprint } from './support/window';

/** Each file the profile keeps (not the running host's lock or address), with a digest of its bytes. */
async function profileFiles(profileDir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of await readdir(profileDir)) {
    if (name === PROFILE_LOCK_NAME || name === INSTANCE_FILE_NAME) continue;
    files[name] = createHash('sha256')
      .update(await readFile(join(profileDir, name)))
      .digest('hex');
  }
  return files;
}

const PASSPHRASE = 'made on the first run: correct horse';

test('a profile whose data key left the keychain opens locked, renews and changes nothing, starting over asks every connection for its credentials, and a backup made before gives them back', async ({
  page,
  simulator,
}) => {
  test.setTimeout(60_000);
  // A profile made by a first run: an OAuth connection whose token runs out at once (its refresh token
  // stays the same, so the person can enter it again), and a manual one.
  const account = simulator.provision('oauth2', { accessLifetimeSec: 1, rotate: false });
  const manual = simulator.provision('manual');
  const first = await startBrowserHost();
  const api = hostApi(first);
  const partner = await api('addPartner', { name: 'Acme Logistics' });
  const oauth = connectionFor(account, partner.id, { label: 'Orders API' });
  await api('addConnection', oauth.input, oauth.secrets);
  const pasted = connectionFor(manual, partner.id, { label: 'Portal token' });
  await api('addConnection', pasted.input, pasted.secrets);
  const backup = await api('exportBackup', PASSPHRASE);
  // Stopping removes the host's keychain items: the data key is gone, the sealed secrets stay in the files.
  await first.stop();
  const copied: string[] = [];
  const host = await startBrowserHost({
    prepareProfile: async (profileDir) => {
      for (const name of Object.keys(await profileFiles(first.profileDir))) {
        await copyFile(join(first.profileDir, name), join(profileDir, name));
        copied.push(name);
      }
    },
  });
  try {
    expect(copied).toContain('tokentray.json');
    expect(await host.secrets.listAccounts()).not.toEqual([]);
    // Starting locked wrote nothing: the files are still the first run's, byte for byte.
    const before = await profileFiles(host.profileDir);
    expect(before).toEqual(await profileFiles(first.profileDir));
    const requestsBefore = simulator.requestCount(account.key);
    await openWindow(page, host);

    const banner = page.locator('.banner', { hasText: 'TokenTray is locked' });
    await expect(banner).toContainText("The system keychain no longer holds this profile's data key");
    const steps = banner.getByRole('list', { name: 'What to do' });
    await expect(steps).toContainText('restore the keychain');
    await expect(steps).toContainText('choose "Start over"');
    await expect(steps).toContainText('nothing renews and nothing stored is changed or overwritten');
    for (const label of ['Orders API', 'Portal token']) {
      await expect(connectionRow(page, label)).toContainText('Paused');
    }
    // The token ran out before this start: an open profile would renew it now; a locked one may not.
    await connectionRow(page, 'Orders API').click();
    const lockedFingerprint = await rowFingerprint(connectionRow(page, 'Orders API')).innerText();
    const renew = details(page).getByRole('button', { name: 'Renew now' });
    await expect(renew).toBeDisabled();
    await expect(renew).toHaveAttribute('title', /TokenTray is locked: nothing secret can be stored/);
    await expect(page.getByRole('button', { name: 'Add connection' })).toBeDisabled();
    // The host has its answer ready: a renewal asked for over the API is refused too.
    const ordersId = (await hostApi(host)('getSnapshot')).partners[0]!.connections.find(
      (connection) => connection.label === 'Orders API',
    )!.id;
    await expect(hostApi(host)('renewNow', ordersId)).rejects.toThrow(/secrets_locked/);

    // Start over, by keyboard: the confirmation starts on Cancel, and Escape backs out of it.
    const startOver = banner.getByRole('button', { name: 'Start over…' });
    await startOver.focus();
    await page.keyboard.press('Enter');
    const confirm = dialog(page, 'Start over with a new key?');
    await expect(confirm).toContainText('clears every stored secret for good');
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
    expect(await seriousAxeFindings(page), 'axe on the locked window and its confirmation').toEqual([]);
    await page.keyboard.press('Escape');
    await expect(confirm).toBeHidden();
    await expect(startOver).toBeFocused();

    // Nothing renewed, nothing written while locked.
    expect(simulator.requestCount(account.key)).toBe(requestsBefore);
    expect(await profileFiles(host.profileDir)).toEqual(before);

    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expect(confirm.getByRole('button', { name: 'Clear the secrets and start over' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(banner).toBeHidden();
    await expect(confirm).toBeHidden();
    expect(await host.secrets.listAccounts()).toEqual([]);
    for (const label of ['Orders API', 'Portal token']) {
      const row = connectionRow(page, label);
      await expect(row).toContainText('Needs action');
      await row.click();
      await expect(details(page).locator('.guidance')).toContainText(
        'TokenTray started over with a new data key',
      );
      await expect(details(page).locator('.guidance')).toContainText('Enter the credentials again');
    }
    expect(simulator.requestCount(account.key)).toBe(requestsBefore);

    // One connection's credentials entered again: it renews, under the new key.
    await connectionRow(page, 'Orders API').click();
    await details(page).locator('.guidance').getByRole('button', { name: 'Re-add' }).click();
    const form = dialog(page, /Orders API/);
    await fillConnectionForm(form, {
      'Client secret': account.clientSecret,
      'Refresh token': account.refreshToken,
    });
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form).toBeHidden();
    // A new token, which only a renewal brings (it lives a second, so the row does not stay healthy).
    await expect(rowFingerprint(connectionRow(page, 'Orders API'))).not.toHaveText(lockedFingerprint, {
      timeout: 15_000,
    });
    expect(simulator.requestCount(account.key)).toBeGreaterThan(requestsBefore);
    await expect(connectionRow(page, 'Portal token')).toContainText('Needs action');
    expect((await host.secrets.listAccounts()).length).toBeGreaterThan(0);

    // The backup made on the first run gives the connection still without secrets its own back;
    // the one whose credentials were entered again keeps them.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('File to import').setInputFiles({
      name: backup.fileName,
      mimeType: 'application/json',
      buffer: Buffer.from(backup.contents),
    });
    const restore = page.getByRole('form', { name: 'Import the backup' });
    await restore.getByLabel('Backup passphrase').fill(PASSPHRASE);
    await restore.getByRole('button', { name: 'Import backup' }).click();
    await expect(
      page.getByText('Restored the secrets of 1 connection that had none: it renews again. 1 skipped.'),
    ).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText(/Orders API.*it has secrets of its own, which are kept/)).toBeVisible();
    await page.getByRole('button', { name: 'Tokens' }).click();
    await expect(connectionRow(page, 'Portal token')).toContainText('Healthy');
  } finally {
    await host.stop();
  }
});
