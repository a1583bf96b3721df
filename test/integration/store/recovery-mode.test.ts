import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Partner } from '../../../main/core/domain';
import { storeFilePath } from '../../../main/core/store/conf-store';
import { startCoreHarness } from '../../support/core-harness';
import type { CoreHarness } from '../../support/core-harness';

let harness: CoreHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Edits the metadata file of a stopped core, as a crash of the disk or a hand edit would. */
function damageFile(
  directory: string,
  damage: (file: Record<string, Record<string, Record<string, unknown>>>) => void,
) {
  const path = storeFilePath({ directory });
  const file = JSON.parse(readFileSync(path, 'utf8'));
  damage(file);
  writeFileSync(path, JSON.stringify(file));
}

describe('a damaged profile', () => {
  it('opens in recovery mode, names the damaged record, renews the healthy connection, and sets the record aside with a copy kept', async () => {
    harness = await startCoreHarness();
    const healthy = await harness.connect('oauth2');
    const broken = await harness.connect('partner-header');
    await harness.core.stop();
    damageFile(harness.directory, (file) => {
      file.connections![broken.connection.id]!.dialect = 'telepathy';
    });

    let core = await harness.restart();
    const damaged = core.snapshot().damaged;
    const outcome = await core.renewNow(healthy.connection.id);

    expect(damaged?.records).toEqual([
      { section: 'connections', id: broken.connection.id, reason: expect.stringContaining('dialect') },
    ]);
    expect(outcome).toMatchObject({ kind: 'renewed' });
    const copyPath = damaged?.copyPaths[0] ?? '';
    expect(readFileSync(copyPath, 'utf8')).toContain('telepathy');

    // Until it is set aside, the damaged record stays in the file as it was, and is named again.
    core = await harness.restart();
    expect(core.snapshot().damaged?.records.map((record) => record.id)).toEqual([broken.connection.id]);

    const result = await core.setAsideDamagedRecords();
    core = await harness.restart();

    expect(result.setAside).toBe(1);
    expect(result.copyPaths.length).toBeGreaterThan(0);
    expect(core.snapshot().damaged).toBeNull();
    expect(readFileSync(storeFilePath({ directory: harness.directory }), 'utf8')).not.toContain('telepathy');
    expect(existsSync(copyPath)).toBe(true);
    expect(core.snapshot().partners.flatMap((p) => p.connections.map((c) => c.id))).toContain(
      healthy.connection.id,
    );
  });

  it('keeps every other setting when one in the file is wrong (a proxy without its scheme), and names that one', async () => {
    harness = await startCoreHarness();
    harness.core.updateSettings({
      concurrency: { global: 3, perHost: 2 },
      theme: 'dark',
      network: {
        proxyUrl: 'http://proxy.corp:3128',
        proxyUsername: 'desk42',
        proxyLoopback: true,
        extraCaPem: null,
        timeoutSeconds: 45,
      },
    });
    await harness.core.stop();
    damageFile(harness.directory, (file) => {
      file.settings!.network!.proxyUrl = 'proxy.corp:3128';
    });

    const core = await harness.restart();

    expect(core.snapshot().damaged?.records).toEqual([
      {
        section: 'settings',
        id: 'settings',
        reason: expect.stringMatching(/^network\.proxyUrl: .*with its scheme/),
      },
    ]);
    expect(core.getSettings()).toMatchObject({
      concurrency: { global: 3, perHost: 2 },
      theme: 'dark',
      network: { proxyUrl: null, proxyUsername: 'desk42', proxyLoopback: true, timeoutSeconds: 45 },
    });
    expect(readFileSync(core.snapshot().damaged?.copyPaths[0] ?? '', 'utf8')).toContain('proxy.corp:3128');
  });

  it('refuses to save a record it could not read back, changes nothing, and opens again', async () => {
    harness = await startCoreHarness();
    const partner = harness.core.admin.addPartner({ name: 'Acme' });
    const catalog = (harness.core as unknown as { context: { catalog: { putPartner(p: Partner): void } } })
      .context.catalog;

    expect(() => catalog.putPartner({ ...partner, id: undefined } as unknown as Partner)).toThrow(
      expect.objectContaining({ code: 'unsaveable_change' }),
    );
    expect(() => catalog.putPartner({ ...partner, createdAt: 'yesterday' } as unknown as Partner)).toThrow(
      expect.objectContaining({ code: 'unsaveable_change' }),
    );
    const core = await harness.restart();

    expect(core.snapshot().damaged).toBeNull();
    expect(core.snapshot().partners).toEqual([expect.objectContaining({ id: partner.id, name: 'Acme' })]);
  });
});
