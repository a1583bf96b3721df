import { readFileSync } from 'node:fs';
import { openConfStore, storeFilePath } from '../../main/core/store/conf-store';
import { replayJournal } from '../../main/core/store/journal-records';
import type { StoreData } from '../../main/core/store/schema';
import { loadStoreData } from '../../main/core/store/store-data';
import { journalPathFor, StoreJournal } from '../../main/core/store/store-journal';

/** What a crash now would leave: the metadata file with its journal replayed over it, as start-up reads them. */
export function profileOnDisk(directory: string): StoreData {
  const data = loadStoreData(openConfStore({ directory }));
  replayJournal(data, StoreJournal.open(journalPathFor(storeFilePath({ directory }))).records);
  return data;
}

/** Every byte the profile keeps on disk, metadata file and journal, for searching. */
export function profileText(directory: string): string {
  const read = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  };
  const file = storeFilePath({ directory });
  return read(file) + read(journalPathFor(file));
}
