import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** The list of connections. */
export function connectionsGrid(page: Page): Locator {
  return page.getByRole('grid', { name: 'Connections' });
}

/** A connection's row, found by its label (its status and token change, its label does not). */
export function connectionRow(page: Page, label: string): Locator {
  return connectionsGrid(page).getByRole('row').filter({ hasText: label });
}

/** The row's "Expires in" countdown. */
export function rowCountdown(row: Locator): Locator {
  return row.getByRole('gridcell').nth(2);
}

/** The current token's fingerprint in a row (a manual row may show the previous one after it). */
export function rowFingerprint(row: Locator): Locator {
  return row
    .getByRole('gridcell')
    .nth(4)
    .getByTitle(/^Fingerprint/)
    .first();
}

/** The right-hand side, where the selected connection is shown. */
export function details(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Details' });
}

export function dialog(page: Page, name: string | RegExp): Locator {
  return page.getByRole('dialog', { name });
}

/** Add partner, through its form. */
export async function addPartnerThroughForm(
  page: Page,
  partner: { name: string; contactEmail?: string },
): Promise<void> {
  await page.getByRole('button', { name: 'Add partner' }).click();
  const form = dialog(page, 'Add partner');
  await form.getByLabel('Name', { exact: true }).fill(partner.name);
  if (partner.contactEmail) await form.getByLabel('Contact e-mail').fill(partner.contactEmail);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();
}

/** Fills the connection form's fields by their labels; a value of undefined leaves the field alone. */
export async function fillConnectionForm(form: Locator, fields: Record<string, string | undefined>) {
  for (const [label, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const control = form.getByLabel(label, { exact: true });
    if (label === 'Preset' || label === 'Partner') await control.selectOption(value);
    else await control.fill(value);
  }
}
