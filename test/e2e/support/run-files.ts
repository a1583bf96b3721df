import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where an end-to-end run leaves what the secret scan (global-teardown.ts) searches:
 * all under Playwright's outputDir, which it empties at the start of every run.
 */
export const RESULTS_DIR = fileURLToPath(new URL('../../../test-results', import.meta.url));
/** Each browser host's profile (store files, audit log), kept until the scan has run. */
export const PROFILES_DIR = join(RESULTS_DIR, 'e2e-profiles');
/** Each browser host's stdout and stderr. */
export const LOGS_DIR = join(RESULTS_DIR, 'e2e-logs');
/** What each worker's simulator issued, one secret a line: the needles, never scanned themselves. */
export const ISSUED_SECRETS_DIR = join(RESULTS_DIR, 'e2e-issued-secrets');
