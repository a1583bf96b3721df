import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_STORE_NAME } from '../../../main/core/store/conf-store';
import { STORE_FILE_MODE } from '../../../main/core/store/store-file';
import { bigStoreData } from '../planner/big-catalog';
import { seededRandom } from '../scheduler/due-times';

/**
 * A profile directory holding `count` connections, written as the app writes
 * its metadata file; nothing is due for weeks, so start-up renews nothing.
 * No secrets: start-up reads none.
 */
export async function writeProfile(directory: string, count: number): Promise<void> {
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const data = bigStoreData(count, Date.now(), seededRandom(count));
  await writeFile(join(directory, `${DEFAULT_STORE_NAME}.json`), JSON.stringify(data, undefined, '\t'), {
    mode: STORE_FILE_MODE,
  });
}
