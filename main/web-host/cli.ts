/**
 * `npm run serve`: TokenTray in the browser, on 127.0.0.1 only.
 *   npx tsx main/web-host/cli.ts [--port N] [--profile DIR] [--no-open] [--keychain-service NAME]
 * Prints exactly one line on stdout, `TokenTray is running at http://127.0.0.1:PORT/?token=TOKEN`;
 * everything else goes to stderr. Stops cleanly on SIGINT and SIGTERM.
 */
import { resolve } from 'node:path';
import { endWhenCoreStops } from '../core/host-stop';
import { parseCliOptions, USAGE } from './cli-options';
import { launchBrowserHost } from './launch';
import type { LaunchedHost } from './launch';
import { openInBrowser } from './open-browser';
import { startupFailure, stopOnSignals } from './process-lifecycle';

const parsed = parseCliOptions(process.argv.slice(2));
if ('help' in parsed) {
  console.log(USAGE);
  process.exit(0);
}
if ('error' in parsed) {
  console.error(`${parsed.error}\n${USAGE}`);
  process.exit(2);
}
const { options } = parsed;

let launched: LaunchedHost;
try {
  launched = await launchBrowserHost({
    profileDir: resolve(options.profileDir),
    port: options.port,
    keychainService: options.keychainService,
    workspace: options.workspace,
    warn: (line) => console.error(line),
    onLockLost: (error) => {
      console.error(error.message);
      // The window hears why first; the data is written back and the next start is told.
      void launched.core
        .halt(error)
        .then(() => launched.stop())
        .finally(() => process.exit(1));
    },
  });
} catch (error) {
  console.error(startupFailure(error, options.port));
  process.exit(1);
}

// A profile that moved into a workspace stops its core by itself once its window has heard why:
// the process ends too, so the folder's lock is free for the start on the workspace.
endWhenCoreStops(launched.core, {
  profileDir: resolve(options.profileDir),
  end: () => void launched.stop().finally(() => process.exit(0)),
});
console.log(`TokenTray is running at ${launched.host.url}`);
if (options.open) openInBrowser(launched.host.url);
stopOnSignals(() => launched.stop());
