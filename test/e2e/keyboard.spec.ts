import { expect, test } from './fixtures';
import { connectionRow, connectionsGrid, details, dialog } from './support/window';

test('"/" focuses Search, arrow keys move the selection, Escape closes a dialog', async ({
  app: page,
  api,
}) => {
  const partner = await api('addPartner', { name: 'Acme Logistics' });
  for (const label of ['Alpha portal token', 'Bravo portal token', 'Charlie portal token']) {
    await api(
      'addConnection',
      { partnerId: partner.id, label, dialect: 'manual' },
      { partnerToken: `e2e-${label.split(' ')[0]!.toLowerCase()}-portal-token` },
    );
  }
  const rows = connectionsGrid(page).getByRole('row');
  await expect(rows.filter({ hasText: 'portal token' })).toHaveCount(3);

  await page.locator('body').press('/');
  await expect(page.getByRole('searchbox', { name: 'Search' })).toBeFocused();

  // The list's order: the partner's row, then its connections by urgency and label.
  const alpha = connectionRow(page, 'Alpha portal token');
  const bravo = connectionRow(page, 'Bravo portal token');
  const partnerRow = rows.filter({ hasText: '3 connections' });
  const heading = details(page).getByRole('heading', { level: 2 });
  await alpha.click();
  await expect(alpha).toHaveAttribute('aria-selected', 'true');

  await page.keyboard.press('ArrowDown');
  await expect(bravo).toHaveAttribute('aria-selected', 'true');
  await expect(bravo).toBeFocused();
  await expect(alpha).toHaveAttribute('aria-selected', 'false');
  await expect(heading).toHaveText('Bravo portal token');

  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(partnerRow).toHaveAttribute('aria-selected', 'true');
  await expect(heading).toHaveText('Acme Logistics');

  await page.keyboard.press('ArrowDown');
  await expect(alpha).toBeFocused();
  const history = details(page).getByRole('button', { name: 'History' });
  await history.click();
  const open = dialog(page, 'History of Alpha portal token');
  await expect(open).toBeVisible();
  await expect(page.locator('#root')).toHaveAttribute('inert', '');
  await page.keyboard.press('Escape');
  await expect(open).toBeHidden();
  await expect(page.locator('#root')).not.toHaveAttribute('inert', '');
  await expect(history).toBeFocused();
});
