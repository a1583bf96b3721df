import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { LaunchedHost } from '../../../main/web-host/launch';
import { launchBrowserHost } from '../../../main/web-host/launch';
import { parseCliOptions } from '../../../main/web-host/cli-options';
import type { Simulator } from '../../simulator/simulator';
import { startSimulator } from '../../simulator/simulator';
import { startPostgres, type TestPostgres } from '../../support/postgres';

export interface ServedHosts {
  readonly server: TestPostgres;
  readonly simulator: Simulator;
  /** The file's temporary folder: profiles go in it, removed after. */
  readonly folder: string;
  /** Every line the hosts wrote for the person, for the secret checks. */
  readonly warnings: string[];
  /** A browser host on `profile`, started from its command line as `npm run serve` takes it; stopped after. */
  serve(profile: string, keychainService: string, args: string[]): Promise<LaunchedHost>;
}

/**
 * For a test file of browser hosts on workspaces, started as from the command line: the command
 * line built (for `tokentray`), a PostgreSQL and a simulator of the file's own, all removed after.
 */
export function useServedHosts(folderPrefix: string): ServedHosts {
  let server: TestPostgres | undefined;
  let simulator: Simulator | undefined;
  let folder: string | undefined;
  const hosts: LaunchedHost[] = [];
  const warnings: string[] = [];
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('used before the file’s beforeAll ran');
    return value;
  };
  beforeAll(async () => {
    execFileSync('npm', ['run', '--silent', 'build:cli']);
    folder = mkdtempSync(join(tmpdir(), folderPrefix));
    [server, simulator] = await Promise.all([startPostgres(), startSimulator()]);
  }, 90_000);
  afterAll(async () => {
    for (const host of hosts) await host.stop().catch(() => undefined);
    await simulator?.close();
    server?.remove();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });
  return {
    get server() {
      return ready(server);
    },
    get simulator() {
      return ready(simulator);
    },
    get folder() {
      return ready(folder);
    },
    warnings,
    async serve(profile, keychainService, args) {
      const parsed = parseCliOptions(args);
      if (!('options' in parsed)) throw new Error(`unexpected command line: ${JSON.stringify(parsed)}`);
      const host = await launchBrowserHost({
        profileDir: profile,
        port: 0,
        keychainService,
        rendererDir: ready(folder),
        workspace: parsed.options.workspace,
        warn: (line) => warnings.push(line),
      });
      hosts.push(host);
      return host;
    },
  };
}
