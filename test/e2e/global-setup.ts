import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { KeytarVault } from '../../main/core/vault/keytar-vault';
import { CHROMIUM } from '../support/chromium';

const RENDERER_INDEX = fileURLToPath(new URL('../../dist/renderer/index.html', import.meta.url));

/** Fails the run at once, with what to do, when a part the specs need is missing. */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(RENDERER_INDEX)) {
    throw new Error('The window is not built: run `npm run build:renderer` before `playwright test`.');
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Debian's Chromium is missing at ${CHROMIUM} (apt-get install chromium).`);
  }
  if (!(await new KeytarVault({ service: 'TokenTray-e2e-probe' }).probe())) {
    throw new Error('No keychain answers: run the specs inside `bash scripts/with-keychain.sh`.');
  }
}
