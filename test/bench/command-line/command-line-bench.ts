import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowserHost } from '../../../main/web-host/launch';
import { startSimulator } from '../../simulator/simulator';
import { connectionFor } from '../../support/connection-for';
import { formatMs, formatRatio } from '../support/format';
import type { BenchSection } from '../support/report';
import { medianOfRunsAsync } from '../support/stats';

export interface CommandLineBenchOptions {
  runs: number;
}

const CLI = 'dist/cli/tokentray.cjs';
const TARGET_RATIO = 2.5;

/** Wall time of one process from spawn to exit. */
function timed(args: string[]): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, (error) =>
      error ? reject(error) : resolve(performance.now() - started),
    );
  });
}

/**
 * `tokentray token` against a running browser host, from spawn to exit, against a bare
 * `node -e ''` in the same run: what the command adds to Node's own start.
 */
export async function commandLineBench(
  options: CommandLineBenchOptions,
  log: (line: string) => void,
): Promise<BenchSection> {
  execFileSync('npm', ['run', '--silent', 'build:cli']);
  const profile = await mkdtemp(join(tmpdir(), 'tokentray-bench-cli-'));
  const simulator = await startSimulator();
  const launched = await launchBrowserHost({
    profileDir: profile,
    port: 0,
    keychainService: `TokenTray-bench-${randomUUID()}`,
    rendererDir: profile,
    warn: () => undefined,
  });
  try {
    const provisioned = simulator.provision('oauth2');
    const partner = launched.core.admin.addPartner({ name: 'Bench', contactEmail: 'ops@bench.example' });
    const { input, secrets } = connectionFor(provisioned, partner.id, { label: 'token' });
    await launched.core.admin.addConnection(input, secrets);
    const figures = await medianOfRunsAsync(options.runs, async () => ({
      bare: await timed(['-e', '']),
      token: await timed([CLI, '--profile', profile, 'token', 'Bench/token']),
    }));
    const ratio = figures.token / figures.bare;
    log(`  command line: token ${formatMs(figures.token)}, node -e '' ${formatMs(figures.bare)}`);
    return {
      title: 'Command line: `tokentray token`',
      method: [
        `\`node ${CLI} token Bench/token\` (the bundled command, as \`npx tokentray\` runs it) against a running`,
        `browser host with one connection, from spawn to exit; baseline: \`node -e ''\` in the same run.`,
        `Runs alternate; medians of ${options.runs}.`,
      ],
      tables: [
        {
          headers: ['', 'wall time'],
          rows: [
            ["node -e ''", formatMs(figures.bare)],
            ['tokentray token', formatMs(figures.token)],
            ['ratio', formatRatio(ratio)],
          ],
        },
      ],
      findings: [
        `The command takes ${formatRatio(ratio)} the time of a bare Node start (target ≤ ${TARGET_RATIO}×):` +
          ' it is one bundled file, and the token costs two calls to the running instance.',
      ],
      summary: [
        {
          benchmark: 'Command line: tokentray token, spawn → exit',
          figure: formatMs(figures.token),
          baseline: `${formatMs(figures.bare)} (node -e '')`,
          ratio: formatRatio(ratio),
          target: `≤ ${TARGET_RATIO}×`,
          verdict: ratio <= TARGET_RATIO ? 'ok' : 'over',
        },
      ],
    };
  } finally {
    for (const account of await launched.vault.listAccounts()) {
      const [connectionId] = account.split('/');
      if (connectionId) await launched.vault.deleteAll(connectionId);
    }
    await launched.stop();
    await simulator.close();
    await rm(profile, { recursive: true, force: true });
  }
}
