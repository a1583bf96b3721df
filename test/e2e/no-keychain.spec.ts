import { expect, openWindow, test } from './fixtures';
import { startBrowserHost } from './support/browser-host';
import type { BrowserHost } from './support/browser-host';
import { hostApi } from './support/host-api';

/** `npm start` where no keychain runs: no D-Bus session, so no Secret Service answers. */
function startHostWithoutKeychain(): Promise<BrowserHost> {
  const env = { ...process.env };
  delete env.DBUS_SESSION_BUS_ADDRESS;
  delete env.DISPLAY;
  return startBrowserHost({ env });
}

test('without a keychain, the banner gives the commands to start one and everything that stores a secret is off, with the reason', async ({
  page,
}) => {
  const host = await startHostWithoutKeychain();
  try {
    // The terminal says it too, each command alone on its line for copy and paste.
    expect(host.stderr()).toMatch(
      /^ {6}dbus-run-session -- bash -c '.*gnome-keyring-daemon --unlock --components=secrets.*'$/m,
    );

    await hostApi(host)('addPartner', { name: 'Globex Payments' });
    await openWindow(page, host);

    await expect(page.locator('.banners')).toContainText('TokenTray is locked');
    const commands = page.getByLabel('Commands to run');
    await expect(commands).toContainText('sudo apt-get install gnome-keyring dbus-x11 libsecret-1-0');
    await expect(commands).toContainText('dbus-run-session -- bash -c');
    await expect(commands).toContainText('gnome-keyring-daemon --unlock --components=secrets');

    const reason = /system keychain is not available: nothing secret can be stored/;
    const add = page.getByRole('button', { name: 'Add connection' });
    await expect(add).toBeDisabled();
    await expect(add).toHaveAttribute('title', reason);

    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByRole('button', { name: 'Rotate the data key' })).toBeDisabled();
    await expect(page.getByLabel('Proxy password', { exact: true })).toBeDisabled();
  } finally {
    await host.stop();
  }
});
