import type { MetadataStore } from '../store/metadata-store';
import { DamagedRecords } from '../store/damaged-records';
import { replayJournal } from '../store/journal-records';
import type { StoreData } from '../store/schema';
import { loadProfileData } from '../store/store-data';
import { journalPathFor, StoreJournal } from '../store/store-journal';
import { Catalog } from './catalog';
import { CatalogWriter } from './catalog-writer';

/**
 * Reads a profile: the metadata file, validated record by record (and upgraded), then the
 * changes its journal holds beyond it. A journal left by a crash is folded into the file at
 * once. Damaged records are left out and listed in `damaged`; the profile opens with the rest.
 */
export function openCatalog(
  store: MetadataStore<StoreData>,
  options: { journalPath?: string } = {},
): { catalog: Catalog; data: StoreData; damaged: DamagedRecords } {
  const { data, damage } = loadProfileData(store);
  const opened = StoreJournal.open(options.journalPath ?? journalPathFor(store.path));
  const damaged = new DamagedRecords(
    [...damage.entries, ...opened.damaged],
    [damage.copyPath, opened.copyPath].filter((path) => path !== null),
  );
  const seq = replayJournal(data, opened.records);
  const writer = new CatalogWriter(store, opened.journal, data, seq, damaged);
  if (opened.records.length > 0 || opened.damaged.length > 0) writer.rewrite();
  return { catalog: new Catalog(data, writer), data, damaged };
}
