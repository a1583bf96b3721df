import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { connectionFor } from '../support/connection-for';
import { expect, test } from './fixtures';
import type { HostApi } from './support/host-api';
import type { Simulator } from '../simulator/simulator';
import { connectionRow, details } from './support/window';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const VIEWS = ['list', 'detail', 'guidance', 'settings'] as const;

/** Two partners: healthy OAuth and partner-header connections, a manual token, and one that needs action. */
async function seed(api: HostApi, simulator: Simulator): Promise<void> {
  const acme = await api('addPartner', { name: 'Acme Logistics', contactEmail: 'ops@acme.example' });
  const globex = await api('addPartner', { name: 'Globex Payments' });
  const orders = simulator.provision('oauth2', { scope: 'orders:read orders:write' });
  const tracking = simulator.provision('oauth2');
  const rates = simulator.provision('partner-header');
  const portal = simulator.provision('manual');
  const add = async (account: typeof orders, partnerId: string, label: string): Promise<{ id: string }> => {
    const { input, secrets } = connectionFor(account, partnerId, { label });
    return api('addConnection', input, secrets);
  };
  await add(orders, acme.id, 'Orders API (production)');
  await add(portal, acme.id, 'Merchant portal token');
  const refused = await add(tracking, acme.id, 'Tracking API');
  await add(rates, globex.id, 'Rates API');
  simulator.inject(tracking.key, { kind: 'invalidGrant' });
  await api('renewNow', refused.id);
}

test('the list, a connection, the guidance and the settings, in light and in dark', async ({
  app: page,
  api,
  simulator,
}, testInfo) => {
  await seed(api, simulator);
  const shots: string[] = [];
  const backgrounds: Record<string, string> = {};
  const shoot = async (theme: string, view: (typeof VIEWS)[number]) => {
    const path = join(testInfo.project.outputDir, 'screenshots', `${theme}-${view}.png`);
    await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
    shots.push(path);
  };

  await api('updateSettings', { theme: 'light' });
  for (const theme of ['light', 'dark'] as const) {
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    backgrounds[theme] = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await showViews(page, (view) => shoot(theme, view));
    if (theme === 'light') {
      // Dark is chosen as a person would, in Settings; it applies at once and is saved.
      await page.getByRole('radio', { name: 'Dark' }).check();
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      await expect.poll(async () => (await api('getSettings')).theme).toBe('dark');
    }
  }

  expect(backgrounds.dark).not.toBe(backgrounds.light);
  expect(shots).toHaveLength(8);
  for (const path of shots) {
    const png = await readFile(path);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE), `${path} is a PNG`).toBe(true);
    expect(png.length, `${path} has content`).toBeGreaterThan(10_000);
  }
});

async function showViews(page: Page, shoot: (view: (typeof VIEWS)[number]) => Promise<void>) {
  await expect(connectionRow(page, 'Tracking API')).toContainText('Needs action');
  await expect(connectionRow(page, 'Orders API (production)')).toContainText(/\d+m \d+s/);
  await shoot('list');

  await connectionRow(page, 'Orders API (production)').click();
  await expect(details(page).getByRole('heading', { name: 'Orders API (production)' })).toBeVisible();
  await shoot('detail');

  await connectionRow(page, 'Tracking API').click();
  await expect(details(page).getByRole('heading', { name: 'What to do' })).toBeVisible();
  await shoot('guidance');

  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
  // Tall enough for every card down to Appearance and Import/Export (network and data key included):
  // the screen scrolls inside the window.
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 1280, height: 2200 });
  await expect(page.getByRole('group', { name: 'Theme' })).toBeInViewport();
  await shoot('settings');
  if (viewport) await page.setViewportSize(viewport);
}
