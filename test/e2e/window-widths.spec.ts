import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { connectionFor } from '../support/connection-for';
import type { Simulator } from '../simulator/simulator';
import { expect, test } from './fixtures';
import { seriousAxeFindings } from './support/axe';
import type { HostApi } from './support/host-api';
import { connectionRow, connectionsGrid, details } from './support/window';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** A tray popover, Electron's smallest window, and a laptop screen. */
const SIZES = [
  { width: 360, height: 640 },
  { width: 720, height: 480 },
  { width: 1280, height: 800 },
] as const;
const LONG_LABEL = 'Orders and returns API for the north-west warehouses (production)';

/** The texts the list showed cut off before: a partner-header connection, a token expired for minutes, a long label. */
async function seed(api: HostApi, simulator: Simulator): Promise<void> {
  const acme = await api('addPartner', { name: 'Acme Logistics', contactEmail: 'ops@acme.example' });
  const globex = await api('addPartner', { name: 'Globex Payments' });
  const add = async (dialect: 'oauth2' | 'partner-header' | 'manual', partnerId: string, label: string) => {
    const { input, secrets } = connectionFor(simulator.provision(dialect), partnerId, { label });
    return api('addConnection', input, secrets);
  };
  await add('oauth2', acme.id, LONG_LABEL);
  await add('partner-header', globex.id, 'Rates API');
  await api(
    'addConnection',
    { partnerId: acme.id, label: 'Old portal token', dialect: 'manual' },
    { partnerToken: 'e2e-old-portal-token', tokenExpiresAt: Date.now() - 44 * 60_000 },
  );
}

/** Everything that must never be cut: the page's width, headers, statuses, countdowns, next renewals, tokens. */
async function clippedParts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth)
      problems.push(`the page is ${root.scrollWidth}px wide in a ${root.clientWidth}px window`);
    const shown = (element: Element) => (element as HTMLElement).offsetParent !== null;
    const whole = [
      ...document.querySelectorAll('[role="columnheader"]'),
      ...document.querySelectorAll('.cell--status, .cell--expiry, .cell--next, .cell--token, .cell--copy'),
    ].filter(shown);
    for (const cell of whole) {
      if (cell.scrollWidth > cell.clientWidth)
        problems.push(`"${cell.textContent?.trim()}" is cut (${cell.scrollWidth} > ${cell.clientWidth})`);
    }
    // Names may end in an ellipsis where they are long, but then say all of themselves on hover.
    for (const name of document.querySelectorAll('.row-title, .row-sub')) {
      if (!shown(name)) continue;
      const cut = name.scrollWidth > name.clientWidth;
      if (cut && name.getAttribute('title') !== name.textContent)
        problems.push(`"${name.textContent}" is cut without its whole text on hover`);
    }
    for (const button of document.querySelectorAll('button')) {
      if (!shown(button)) continue;
      const box = button.getBoundingClientRect();
      if (box.right > root.clientWidth + 0.5 || box.left < -0.5)
        problems.push(
          `the button "${button.textContent || button.getAttribute('aria-label')}" is outside the window`,
        );
    }
    return problems;
  });
}

test('the window fits from a tray popover to a laptop screen, in light and in dark: nothing wider than the window, nothing cut', async ({
  app: page,
  api,
  simulator,
}, testInfo) => {
  // Six page loads and eight accessibility scans: 10 to 18 s alone, and 30 s beside a workspace spec in CI.
  test.setTimeout(60_000);
  await seed(api, simulator);
  const shots: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    await api('updateSettings', { theme });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.reload();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await expect(connectionRow(page, 'Old portal token')).toContainText('expired 44m ago');
      await expect(connectionRow(page, 'Rates API')).toBeVisible();
      for (const label of [LONG_LABEL, 'Rates API', 'Old portal token']) {
        await expect(
          connectionRow(page, label).getByRole('button', { name: `Copy token of ${label}` }),
        ).toBeInViewport();
      }
      // Taken first, so a failure leaves the picture of what was cut.
      const path = join(testInfo.project.outputDir, 'screenshots', `window-${size.width}-${theme}.png`);
      await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
      shots.push(path);
      expect(await clippedParts(page), `${size.width}×${size.height} ${theme}`).toEqual([]);
      expect(await seriousAxeFindings(page), `axe at ${size.width} px, ${theme}`).toEqual([]);
    }
    // The compact layout's details: the whole width, a way back, and still nothing cut.
    await page.setViewportSize(SIZES[0]);
    await connectionRow(page, 'Rates API').click();
    await expect(details(page).getByRole('heading', { name: 'Rates API' })).toBeVisible();
    await expect(connectionsGrid(page)).toHaveCount(0);
    const path = join(testInfo.project.outputDir, 'screenshots', `window-360-details-${theme}.png`);
    await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
    shots.push(path);
    expect(await clippedParts(page), `details at 360 px, ${theme}`).toEqual([]);
    expect(await seriousAxeFindings(page), `axe on the details at 360 px, ${theme}`).toEqual([]);
    await details(page).getByRole('button', { name: 'Back to the list' }).click();
    await expect(connectionRow(page, 'Rates API')).toBeFocused();
  }

  // The widest status, a pasted token inside its reminder window, whole in every layout.
  const partnerId = (await api('getSnapshot')).partners[0]!.id;
  await api(
    'addConnection',
    { partnerId, label: 'Merchant portal token', dialect: 'manual' },
    { partnerToken: 'e2e-merchant-portal-token', tokenExpiresAt: Date.now() + 2 * 24 * 3_600_000 },
  );
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await expect(connectionRow(page, 'Merchant portal token')).toContainText('Expiring soon');
    expect(await clippedParts(page), `Expiring soon at ${size.width} px`).toEqual([]);
  }

  for (const path of shots) {
    const png = await readFile(path);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE), `${path} is a PNG`).toBe(true);
  }
});

test('in a narrow window the full name is on hover and in the details', async ({
  app: page,
  api,
  simulator,
}) => {
  await seed(api, simulator);
  await page.setViewportSize(SIZES[0]);
  const row = connectionRow(page, LONG_LABEL);
  await expect(row.locator('.row-title')).toHaveAttribute('title', LONG_LABEL);
  await row.click();
  await expect(details(page).getByRole('heading', { name: LONG_LABEL })).toBeVisible();
});
