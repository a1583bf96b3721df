import { rm } from 'node:fs/promises';
import { ISSUED_SECRETS_DIR, PROFILES_DIR, RESULTS_DIR } from './support/run-files';
import { readIssuedSecrets, scanForSecrets } from './secret-scan';

/**
 * After every spec: no secret the simulator issued, and no host's data key, may sit in any
 * host log, store file, audit entry, export or test artifact under test-results/. Sealed
 * values are not secrets. Then the profiles go.
 */
export default async function globalTeardown(): Promise<void> {
  try {
    const secrets = await readIssuedSecrets(ISSUED_SECRETS_DIR);
    const report = await scanForSecrets(RESULTS_DIR, secrets, ISSUED_SECRETS_DIR);
    const found = report.filesWithSecrets.length;
    const summary = `secret scan: ${report.secrets} secrets issued, ${report.filesScanned} files scanned, ${found} found`;
    console.log(summary);
    if (found > 0) throw new Error(`${summary}, in: ${report.filesWithSecrets.join(', ')}`);
  } finally {
    await rm(PROFILES_DIR, { recursive: true, force: true });
    await rm(ISSUED_SECRETS_DIR, { recursive: true, force: true });
  }
}
