// `npm run test:soak`: renewals at short lifetimes for a long run with the history at its cap, sampling
// resident memory, the heap after a full collection and open descriptors. TOKENTRAY_SOAK_MINUTES sets
// the length (10 unless given; an hour is what the figure in the report stands for).
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { HistoryFile, historyPathFor } from '../../../main/core/audit/history-file';
import { DEFAULT_AUDIT_LIMIT } from '../../../main/core/audit/audit-log';
import type { AuditEntry } from '../../../main/core/domain/audit';
import { storeFilePath } from '../../../main/core/store/conf-store';
import type { Provisioned } from '../../simulator/simulator';
import { connectionFor } from '../../support/connection-for';
import { startCoreHarness } from '../../support/core-harness';
import { bundledChildScript } from '../crash/crash-child-script';

const SIMULATOR = fileURLToPath(new URL('./fixtures/simulator-child.ts', import.meta.url));

const MINUTES = Number(process.env.TOKENTRAY_SOAK_MINUTES ?? 10);
const CONNECTIONS = 20;
const SAMPLES = 20;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface Sample {
  rssMb: number;
  heapMb: number;
  descriptors: number;
  renewals: number;
}

function sample(renewals: number): Sample {
  gc();
  gc();
  const memory = process.memoryUsage();
  return {
    rssMb: memory.rss / 2 ** 20,
    heapMb: memory.heapUsed / 2 ** 20,
    descriptors: readdirSync('/proc/self/fd').length,
    renewals,
  };
}

/** The simulator in a child process, and the accounts it provisioned. */
async function simulatorProcess(accounts: number) {
  const child = spawn(process.execPath, [await bundledChildScript(SIMULATOR), String(accounts)]);
  const [line] = await new Promise<string[]>((resolve) =>
    createInterface({ input: child.stdout }).once('line', (first) => resolve([first])),
  );
  const { provisioned } = JSON.parse(line!) as { url: string; provisioned: Provisioned[] };
  return { provisioned, stop: () => child.kill('SIGKILL') };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('soak: renewals at short lifetimes with the history at its cap', () => {
  it(
    'keeps resident memory, the heap after collection and descriptors flat over the run',
    async () => {
      const harness = await startCoreHarness({ start: false });
      const simulator = await simulatorProcess(CONNECTIONS);
      try {
        const history = HistoryFile.open(
          historyPathFor(storeFilePath({ directory: harness.directory })),
        ).file;
        history.appendDurably(
          Array.from({ length: DEFAULT_AUDIT_LIMIT }, (_, index): AuditEntry => ({
            id: `soak-${index}`,
            at: Date.now() - DEFAULT_AUDIT_LIMIT + index,
            action: 'renewed',
            outcome: 'ok',
            message: 'Renewed before the soak.',
          })),
        );
        const core = await harness.restart();
        const ids: string[] = [];
        for (const provisioned of simulator.provisioned) {
          const partner = core.admin.addPartner({ name: `Soak ${ids.length}`, contactEmail: '' });
          const { input, secrets } = connectionFor(provisioned, partner.id);
          ids.push((await core.admin.addConnection(input, secrets)).id);
        }
        let renewals = 0;
        const until = Date.now() + MINUTES * 60_000;
        const samples: Sample[] = [];
        let nextSample = Date.now();
        const loops = ids.map(async (id) => {
          while (Date.now() < until) {
            const outcome = await core.renewNow(id);
            if (outcome.kind === 'renewed') renewals += 1;
            if (Date.now() >= nextSample) {
              nextSample += (MINUTES * 60_000) / SAMPLES;
              samples.push(sample(renewals));
            }
          }
        });
        await Promise.all(loops);
        samples.push(sample(renewals));
        console.log(
          `soak: ${MINUTES} min, ${renewals} renewals, ${CONNECTIONS} connections; samples (RSS MiB / heap after GC MiB / fds):\n` +
            samples
              .map((s) => `${s.rssMb.toFixed(0)} / ${s.heapMb.toFixed(1)} / ${s.descriptors} @ ${s.renewals}`)
              .join('\n'),
        );

        // After a warm-up quarter, the last quarter holds what the second quarter held.
        const quarter = Math.max(1, Math.floor(samples.length / 4));
        const early = samples.slice(quarter, 2 * quarter);
        const late = samples.slice(-quarter);
        expect(renewals).toBeGreaterThan(CONNECTIONS);
        expect(median(late.map((s) => s.heapMb))).toBeLessThan(1.2 * median(early.map((s) => s.heapMb)));
        expect(median(late.map((s) => s.rssMb))).toBeLessThan(1.2 * median(early.map((s) => s.rssMb)));
        expect(Math.max(...late.map((s) => s.descriptors))).toBeLessThanOrEqual(
          Math.max(...early.map((s) => s.descriptors)) + 5,
        );
      } finally {
        simulator.stop();
        await harness.close();
      }
    },
    (MINUTES + 5) * 60_000,
  );
});
