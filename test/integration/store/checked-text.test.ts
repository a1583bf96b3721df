import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { isCheckedText } from '../../../main/core/store/checked-text';
import { storeFilePath } from '../../../main/core/store/conf-store';
import { startCoreHarness } from '../../support/core-harness';
import type { CoreHarness } from '../../support/core-harness';

let harness: CoreHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

it('the metadata file a stopped TokenTray wrote is recorded as checked; edited by hand, it is validated again at the next start', async () => {
  harness = await startCoreHarness();
  const { connection } = await harness.connect('oauth2');
  expect((await harness.core.renewNow(connection.id)).kind).toBe('renewed');
  await harness.core.stop();
  const path = storeFilePath({ directory: harness.directory });

  expect(isCheckedText(path, readFileSync(path, 'utf8'))).toBe(true);

  const file = JSON.parse(readFileSync(path, 'utf8'));
  file.connections[connection.id].dialect = 'telepathy';
  writeFileSync(path, JSON.stringify(file, undefined, '\t'));
  const core = await harness.restart();

  expect(core.snapshot().damaged?.records).toEqual([
    { section: 'connections', id: connection.id, reason: expect.stringContaining('dialect') },
  ]);
});
