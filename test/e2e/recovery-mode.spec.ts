import { randomUUID } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CURRENT_SCHEMA_VERSION } from '../../main/core/store/schema';
import { expect, test as base } from './fixtures';
import { startBrowserHost } from './support/browser-host';

const partnerId = randomUUID();
const healthyId = randomUUID();
const damagedId = randomUUID();
const NOW = Date.now();

/** A profile as a damaged disk or a hand edit leaves it: one connection's dialect is no dialect TokenTray knows. */
async function writeDamagedProfile(profileDir: string): Promise<void> {
  const connection = (id: string, label: string, dialect: string) => ({
    id,
    partnerId,
    label,
    dialect,
    endpoint: '',
    createdAt: NOW,
  });
  const file = {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    partners: { [partnerId]: { id: partnerId, name: 'Initech', createdAt: NOW } },
    connections: {
      [healthyId]: connection(healthyId, 'Portal token', 'manual'),
      [damagedId]: connection(damagedId, 'Broken connection', 'telepathy'),
    },
  };
  await writeFile(join(profileDir, 'tokentray.json'), JSON.stringify(file), { mode: 0o600 });
}

const test = base.extend({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
  host: async ({}, use) => {
    const host = await startBrowserHost({ prepareProfile: writeDamagedProfile });
    try {
      await use(host);
    } finally {
      await host.stop();
    }
  },
});

test('a damaged profile opens in recovery mode, names the damaged record and sets it aside with a copy kept', async ({
  app: page,
  host,
}) => {
  const banner = page.locator('.banner', { hasText: 'Some records of this profile are damaged' });
  await expect(banner).toBeVisible();
  await expect(banner.getByRole('list', { name: 'Damaged records' })).toContainText(
    `Connection ${damagedId}: dialect`,
  );
  await expect(banner).toContainText('A copy of the file as it was is kept at');
  // The healthy connection is there and usable meanwhile.
  await expect(page.getByText('Portal token')).toBeVisible();

  await banner.getByRole('button', { name: 'Set them aside' }).click();

  await expect(banner).toBeHidden();
  await expect(page.getByText('Portal token')).toBeVisible();
  const copies = (await readdir(host.profileDir)).filter((name) => name.includes('corrupt'));
  expect(copies).toHaveLength(1);
  expect(await readFile(join(host.profileDir, copies[0]!), 'utf8')).toContain('telepathy');
  expect(await readFile(join(host.profileDir, 'tokentray.json'), 'utf8')).not.toContain('telepathy');
});
