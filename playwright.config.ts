import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './test/support/chromium';

/**
 * End-to-end tests: Debian's Chromium against the browser host (a child process),
 * the partner simulator and the real keychain. Run inside scripts/with-keychain.sh
 * after `npm run build:renderer`; never `npx playwright install`.
 */
// A failed test's page snapshot (error-context.md) would quote what was typed into
// secret fields: Playwright's switch for leaving it out.
process.env.PLAYWRIGHT_NO_COPY_PROMPT = '1';

export default defineConfig({
  testDir: 'test/e2e',
  // vitest owns `*.test.ts`: Playwright takes only the specs.
  testMatch: '**/*.spec.ts',
  globalSetup: './test/e2e/global-setup.ts',
  // Searches every log, store file and artifact for the secrets the simulator issued.
  globalTeardown: './test/e2e/global-teardown.ts',
  outputDir: 'test-results',
  // Two cores: one worker per core, nothing else runs while the specs do.
  workers: 2,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    browserName: 'chromium',
    launchOptions: CHROMIUM_LAUNCH,
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'UTC',
    // No traces, videos or failure screenshots: they could show what a test typed.
    trace: 'off',
    video: 'off',
    screenshot: 'off',
  },
});
