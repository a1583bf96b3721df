import { HistoryFile, historyPathFor } from '../audit/history-file';
import type { MetadataStore } from '../store/metadata-store';
import { DamagedRecords } from '../store/damaged-records';
import { replayJournal } from '../store/journal-records';
import type { StoreData } from '../store/schema';
import { StorageError } from '../store/storage-failure';
import { loadProfileData } from '../store/store-data';
import { journalPathFor, StoreJournal } from '../store/store-journal';
import { Catalog } from './catalog';
import type { CatalogWriterOptions } from './catalog-writer';
import { CatalogWriter } from './catalog-writer';

/**
 * Reads a profile: the metadata file, validated record by record (and upgraded), the history
 * file, then the changes the journal holds beyond them. A journal left by a crash is folded into
 * the files at once, and history still in the metadata file moves to the history file. Damaged
 * records are left out and listed in `damaged`; the profile opens with the rest.
 */
export function openCatalog(
  store: MetadataStore<StoreData>,
  options: { journalPath?: string; historyPath?: string; storage?: CatalogWriterOptions } = {},
): { catalog: Catalog; data: StoreData; damaged: DamagedRecords } {
  const { data, damage } = loadProfileData(store);
  const { file: history, entries: historyEntries } = HistoryFile.open(
    options.historyPath ?? historyPathFor(store.path),
  );
  const opened = StoreJournal.open(options.journalPath ?? journalPathFor(store.path));
  const damaged = new DamagedRecords(
    [...damage.entries, ...opened.damaged],
    [damage.copyPath, opened.copyPath].filter((path) => path !== null),
  );
  // History the metadata file still holds (written before it had a file of its own) moves there.
  const fromFile = data.audit;
  data.audit = [];
  const seq = replayJournal(data, opened.records);
  const adopted = [...fromFile, ...data.audit].filter((entry) => !history.has(entry.id));
  data.audit = [...historyEntries, ...adopted];
  const writer = new CatalogWriter(
    store,
    opened.journal,
    data,
    seq,
    options.storage,
    history,
    adopted,
    damaged,
  );
  if (opened.records.length > 0 || opened.damaged.length > 0 || fromFile.length > 0) {
    try {
      writer.rewrite();
    } catch (error) {
      // On a full or read-only disk the journal keeps holding the changes: start anyway and say so.
      if (!(error instanceof StorageError)) throw error;
    }
  }
  return { catalog: new Catalog(data, writer), data, damaged };
}
