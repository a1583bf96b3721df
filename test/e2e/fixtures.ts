import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startSimulator } from '../simulator/simulator';
import type { Simulator } from '../simulator/simulator';
import { startBrowserHost } from './support/browser-host';
import type { BrowserHost } from './support/browser-host';
import { hostApi } from './support/host-api';
import type { HostApi } from './support/host-api';
import { ISSUED_SECRETS_DIR } from './support/run-files';

export { expect };

interface TestFixtures {
  /** A fresh browser host: its own profile directory and keychain service, stopped after the test (global-teardown.ts scans and removes the profile). */
  host: BrowserHost;
  /** The host's API, called as a non-browser client would. */
  api: HostApi;
  /** The TokenTray window, opened from the link the host printed. */
  app: Page;
}

interface WorkerFixtures {
  /** The partner simulator, in this worker's process; it records what it issues for the secret scan. */
  simulator: Simulator;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  simulator: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      await mkdir(ISSUED_SECRETS_DIR, { recursive: true });
      const recordSecretsTo = join(ISSUED_SECRETS_DIR, `${randomUUID()}.txt`);
      const simulator = await startSimulator({ recordSecretsTo });
      await use(simulator);
      await simulator.close();
    },
    { scope: 'worker' },
  ],
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
  host: async ({}, use) => {
    const host = await startBrowserHost();
    try {
      await use(host);
    } finally {
      await host.stop();
    }
  },
  api: async ({ host }, use) => {
    await use(hostApi(host));
  },
  app: async ({ page, host }, use) => {
    await openWindow(page, host);
    await use(page);
  },
});

/** Opens the printed link; a failure is reported without the session token in it. */
export async function openWindow(page: Page, host: BrowserHost): Promise<void> {
  try {
    await page.goto(host.url);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // eslint-disable-next-line preserve-caught-error -- the cause would print the link with its token.
    throw new Error(message.split(host.token).join('<session token>'));
  }
  // The window is up once the snapshot arrived: Add partner is enabled only then.
  await expect(page.getByRole('button', { name: 'Add partner' })).toBeEnabled({ timeout: 10_000 });
}
