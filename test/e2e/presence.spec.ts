import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, openWindow, test } from './fixtures';
import { startBrowserHost } from './support/browser-host';
import type { BrowserHost } from './support/browser-host';
import { hostApi } from './support/host-api';
import { connectionRow, details } from './support/window';

const HOUR = 60 * 60_000;

/** A pasted portal token expiring in 12 hours: the host raises its one-day reminder at once. */
async function addExpiringManualToken(api: ReturnType<typeof hostApi>, label: string, token: string) {
  const partner = await api('addPartner', { name: 'Wide World Importers' });
  return api(
    'addConnection',
    { partnerId: partner.id, label, dialect: 'manual', endpoint: '', settings: {} },
    { partnerToken: token, tokenExpiresAt: Date.now() + 12 * HOUR },
  );
}

/**
 * A host that finds no notification service on the desktop: notify-send is not on its PATH (the
 * host itself runs from node's absolute path and needs no other program).
 */
function startHostWithoutDesktopNotifications(): Promise<BrowserHost> {
  return startBrowserHost({
    env: { ...process.env, PATH: mkdtempSync(join(tmpdir(), 'tokentray-no-path-')) },
  });
}

/** The notices not yet delivered, from the host's profile. */
async function waitingNotices(host: BrowserHost): Promise<number | null> {
  try {
    const kept = JSON.parse(await readFile(join(host.profileDir, 'tokentray.notices.json'), 'utf8')) as {
      waiting: unknown[];
    };
    return kept.waiting.length;
  } catch {
    return null;
  }
}

test('the page names the app in its h1 and counts what needs attention in its title and icon', async ({
  app: page,
  api,
}) => {
  await expect(page.getByRole('heading', { level: 1, name: 'TokenTray' })).toBeVisible();
  await expect(page).toHaveTitle('TokenTray');

  await addExpiringManualToken(api, 'Merchant portal token', 'portal-token-for-title-test');

  await expect(page).toHaveTitle('(1) TokenTray');
  const icon = page.locator('link[rel="icon"]');
  await expect(icon).toHaveAttribute('href', /^data:image\/svg\+xml,/);
  const badge = decodeURIComponent((await icon.getAttribute('href')) ?? '');
  expect(badge).toContain('>1</text>');
});

test('browser notifications are asked for from Settings, never on load, and show what the desktop could not', async ({
  page,
}) => {
  const host = await startHostWithoutDesktopNotifications();
  try {
    // Records each Web Notification the page creates; the browser's own still shows it.
    await page.addInitScript(() => {
      const shown: { title: string; body: string | undefined }[] = [];
      (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
      const Real = window.Notification;
      window.Notification = class extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          shown.push({ title, body: options?.body });
        }
      } as typeof Notification;
    });
    await openWindow(page, host);
    await page.getByRole('button', { name: 'Settings' }).click();
    const ask = page.getByRole('button', { name: 'Allow browser notifications' });
    // Still "default" after loading: the page asked nothing by itself.
    await expect(ask).toBeVisible();
    expect(await page.evaluate(() => Notification.permission)).toBe('default');

    await page.context().grantPermissions(['notifications']);
    await ask.click();
    await expect(page.getByText('Browser notifications are allowed')).toBeVisible();

    await addExpiringManualToken(hostApi(host), 'Merchant portal token', 'portal-token-for-web-notice');
    await expect
      .poll(
        () =>
          page.evaluate(() => (window as unknown as { shownNotifications: unknown[] }).shownNotifications),
        {
          timeout: 15_000,
        },
      )
      .toEqual([
        {
          title: 'Wide World Importers · Merchant portal token: token expires in 12 hours',
          body: "This token cannot renew itself. Get a new one from the partner's portal and paste it in TokenTray.",
        },
      ]);
  } finally {
    await host.stop();
  }
});

test('a notification no window saw opens its connection when the window next opens', async ({ page }) => {
  const host = await startHostWithoutDesktopNotifications();
  try {
    const api = hostApi(host);
    await addExpiringManualToken(api, 'Refunds portal token', 'portal-token-for-focus-test');
    await expect.poll(() => waitingNotices(host), { timeout: 15_000 }).toBe(0);

    await openWindow(page, host);
    await expect(details(page).getByRole('heading', { name: 'Refunds portal token' })).toBeVisible();
    await expect(connectionRow(page, 'Refunds portal token')).toHaveAttribute('aria-selected', 'true');
  } finally {
    await host.stop();
  }
});
