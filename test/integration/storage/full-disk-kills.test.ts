import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../support/seeded-random';
import type { SmallDisk } from '../../support/small-disk';
import { mountSmallDisk, smallDiskUnavailable } from '../../support/small-disk';
import { CrashChild } from '../crash/crash-child-process';
import { bundledChildScript } from '../crash/crash-child-script';
import type { CrashProfile } from '../crash/crash-profile';
import { createCrashProfile } from '../crash/crash-profile';

const unavailable = smallDiskUnavailable();
if (unavailable) console.log(`Skipping the full-disk kill test: ${unavailable}.`);

const CHILD = fileURLToPath(new URL('./fixtures/disk-child.ts', import.meta.url));
const KILLS = Number(process.env.TOKENTRAY_DISK_KILLS ?? 12);

describe.skipIf(unavailable !== null)(
  'a TokenTray process killed while its disk is full and after it frees',
  () => {
    let disk: SmallDisk;
    let profile: CrashProfile;

    beforeAll(async () => {
      disk = mountSmallDisk(1024);
      profile = await createCrashProfile({ graceWindowMs: 60_000, connections: 3, directory: disk.profile });
    });

    afterAll(async () => {
      disk?.free();
      await profile?.close();
      disk?.unmount();
    });

    it(
      'loses nothing acknowledged and no rotated token, and the profile always reopens',
      async () => {
        const script = await bundledChildScript(CHILD);
        const random = seededRandom(0xd15c);
        const acknowledged: string[] = [];
        let full = 0;
        for (let kill = 0; kill < KILLS; kill += 1) {
          // Reaching "recovered" means the profile opened, whatever the last run left.
          const child = new CrashChild(script, 'churn', profile);
          try {
            await child.waitFor('recovered');
            await delay(50 + Math.floor(random() * 300));
            if (random() < 0.6) {
              disk.fill();
              full += 1;
              await delay(Math.floor(random() * 300));
            }
          } finally {
            await child.kill();
          }
          for (const report of child.reports)
            if (report.event === 'acknowledged') acknowledged.push(report.partner);
          // Half the time the space comes back before the next start, half the time after it.
          if (random() < 0.5) disk.free();
        }
        disk.free();
        const final = new CrashChild(script, 'final', profile);
        const summary = await final.waitFor('summary');
        await final.exited();
        console.log(
          `full-disk kill test: kills=${KILLS} with_disk_full=${full} acknowledged=${acknowledged.length}`,
        );

        expect(acknowledged.length).toBeGreaterThan(0);
        expect(summary.partners).toEqual(expect.arrayContaining(acknowledged));
        for (const connection of profile.connections) {
          const refresh = await profile.vault.get(connection.id, 'refreshToken');
          expect(profile.simulator.familyRevoked(connection.key)).toBe(false);
          expect(refresh !== null && profile.simulator.isRefreshTokenLive(refresh)).toBe(true);
        }
        expect(summary.connections.map((c) => c.status)).not.toContain('needsAction');
      },
      KILLS * 10_000 + 60_000,
    );
  },
);
