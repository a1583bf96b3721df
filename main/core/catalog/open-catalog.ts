import type { MetadataStore } from '../store/metadata-store';
import { replayJournal } from '../store/journal-records';
import type { StoreData } from '../store/schema';
import { StorageError } from '../store/storage-failure';
import { loadStoreData } from '../store/store-data';
import { journalPathFor, StoreJournal } from '../store/store-journal';
import { Catalog } from './catalog';
import type { CatalogWriterOptions } from './catalog-writer';
import { CatalogWriter } from './catalog-writer';

/**
 * Reads a profile: the metadata file, validated (and upgraded), then the changes its
 * journal holds beyond it. A journal left by a crash is folded into the file at once.
 */
export function openCatalog(
  store: MetadataStore<StoreData>,
  options: { journalPath?: string; storage?: CatalogWriterOptions } = {},
): { catalog: Catalog; data: StoreData } {
  const data = loadStoreData(store);
  const { journal, records } = StoreJournal.open(options.journalPath ?? journalPathFor(store.path));
  const seq = replayJournal(data, records);
  const writer = new CatalogWriter(store, journal, data, seq, options.storage);
  if (records.length > 0) {
    try {
      writer.rewrite();
    } catch (error) {
      // On a full or read-only disk the journal keeps holding the changes: start anyway and say so.
      if (!(error instanceof StorageError)) throw error;
    }
  }
  return { catalog: new Catalog(data, writer), data };
}
