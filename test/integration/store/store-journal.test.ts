import {
  appendFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCatalog } from '../../../main/core/catalog/open-catalog';
import type { Partner } from '../../../main/core/domain';
import { openConfStore, storeFilePath } from '../../../main/core/store/conf-store';
import type { MetadataStore } from '../../../main/core/store/metadata-store';
import type { StoreData } from '../../../main/core/store/schema';
import { journalPathFor } from '../../../main/core/store/store-journal';

let directory: string;
let journalPath: string;
/** Every catalog a test opened, closed after it so no journal write outlives the directory. */
const opened: Array<ReturnType<typeof openCatalog>> = [];

function open(store: MetadataStore<StoreData> = openConfStore({ directory }), journal?: string) {
  const result = openCatalog(store, journal === undefined ? {} : { journalPath: journal });
  opened.push(result);
  return result;
}

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'tokentray-journal-'));
  journalPath = journalPathFor(storeFilePath({ directory }));
});

afterEach(async () => {
  for (const { catalog } of opened.splice(0)) await catalog.close().catch(() => undefined);
  rmSync(directory, { recursive: true, force: true });
});

function partner(id: string, name = `Partner ${id}`): Partner {
  return { id, name, contactEmail: '', notes: '', status: 'active', createdAt: 1_700_000_000_000 };
}

/** The conf store, counting whole-file writes. */
function countingStore(): MetadataStore<StoreData> & { fileWrites: number } {
  const store = openConfStore({ directory });
  const counted = {
    fileWrites: 0,
    path: store.path,
    get: store.get,
    readAll: store.readAll,
    takeOpenedData: store.takeOpenedData,
    set: ((key, value) => {
      counted.fileWrites += 1;
      store.set(key, value);
    }) as MetadataStore<StoreData>['set'],
    setMany: (values: Partial<StoreData>) => {
      counted.fileWrites += 1;
      store.setMany(values);
    },
  };
  return counted;
}

describe('the store journal', () => {
  it('makes each committed change durable without rewriting the metadata file', async () => {
    const store = countingStore();
    const { catalog } = open(store);
    for (let index = 0; index < 50; index++) {
      catalog.putPartner(partner(`p${index}`));
      catalog.updateState(`c${index}`, { phase: 'idle', attempt: index });
      await catalog.commit();
    }

    expect(store.fileWrites).toBe(0);
    expect(readFileSync(journalPath, 'utf8').trim().split('\n')).toHaveLength(50);
    expect(statSync(journalPath).mode & 0o777).toBe(0o600);
  });

  it('brings back, after a crash, every change the journal acknowledged', async () => {
    const { catalog } = open();
    catalog.putPartner(partner('p1'));
    catalog.putPartner(partner('p2'));
    catalog.deletePartner('p1');
    catalog.updateState('c1', { phase: 'renewing', inFlight: { startedAt: 5, refreshFingerprint: null } });
    catalog.auditEntries().push({ id: 'a1', at: 1, action: 'renewed', outcome: 'ok' });
    catalog.appendedAudit({ id: 'a1', at: 1, action: 'renewed', outcome: 'ok' });
    await catalog.commit();
    // No close(): the process dies here.

    const reopened = open();

    expect(reopened.catalog.partners().map((p) => p.id)).toEqual(['p2']);
    expect(reopened.catalog.state('c1').inFlight).toEqual({ startedAt: 5, refreshFingerprint: null });
    expect(reopened.data.audit.map((entry) => entry.id)).toEqual(['a1']);
    // The replay is folded into the metadata file at once, and the journal emptied.
    expect(Object.keys(openConfStore({ directory }).get('partners'))).toEqual(['p2']);
    await reopened.catalog.close();
    expect(readFileSync(journalPath, 'utf8')).toBe('');
  });

  it('journals only what a state change names, and replays it over the rest of the state', async () => {
    const first = open();
    first.catalog.updateState('c1', { attempt: 3, lastError: 'The partner answered 503.' });
    await first.catalog.close();
    const second = open();
    second.catalog.updateState('c1', { phase: 'renewing' });
    await second.catalog.commit();
    // No close(): the process dies here.

    expect(readFileSync(journalPath, 'utf8')).not.toContain('503');
    const reopened = open();
    expect(reopened.catalog.state('c1')).toMatchObject({
      phase: 'renewing',
      attempt: 3,
      lastError: 'The partner answered 503.',
    });
  });

  it('writes changes made in the same tick as one journal line (group commit)', async () => {
    const { catalog } = open();
    for (let index = 0; index < 100; index++) catalog.putPartner(partner(`p${index}`));
    await Promise.all(Array.from({ length: 100 }, () => catalog.commit()));

    const lines = readFileSync(journalPath, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!).ops).toHaveLength(100);
  });

  it('checkpoints into the metadata file on close and leaves an empty journal', async () => {
    const { catalog } = open();
    catalog.putPartner(partner('p1', 'Acme'));
    await catalog.commit();
    await catalog.close();

    expect(openConfStore({ directory }).get('partners').p1?.name).toBe('Acme');
    expect(openConfStore({ directory }).get('journalSeq')).toBe(1);
    expect(readFileSync(journalPath, 'utf8')).toBe('');
  });

  it('skips lines a checkpoint already holds, so a crash before the journal was emptied replays nothing stale', async () => {
    const first = open();
    first.catalog.putPartner(partner('p1', 'Old name'));
    await first.catalog.commit();
    const staleLine = readFileSync(journalPath, 'utf8');
    first.catalog.putPartner(partner('p1', 'New name'));
    await first.catalog.close();
    // The crash fell after the checkpoint and before the journal was emptied.
    appendFileSync(journalPath, staleLine);

    const reopened = open();

    expect(reopened.catalog.partner('p1')?.name).toBe('New name');
  });

  it('drops a last line cut short by a crash, which was never acknowledged', async () => {
    const { catalog } = open();
    catalog.putPartner(partner('p1'));
    await catalog.commit();
    appendFileSync(journalPath, '{"seq":2,"ops":[{"put":"partners","val');

    const reopened = open();

    expect(reopened.catalog.partners().map((p) => p.id)).toEqual(['p1']);
  });

  it('replays the rest of a journal damaged in the middle, names what it skipped and keeps a copy', () => {
    const good = JSON.stringify({ seq: 1, ops: [{ put: 'partners', value: partner('p1') }] });
    const broken = JSON.stringify({ seq: 2, ops: [{ put: 'states', value: { phase: 42 } }] });
    const later = JSON.stringify({ seq: 3, ops: [{ put: 'partners', value: partner('p2') }] });
    writeFileSync(journalPath, `${good}\n${broken}\nnot json\n${later}\n`);

    const { catalog, damaged } = open();

    expect(catalog.partners().map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(damaged.list()).toEqual([
      expect.objectContaining({ section: 'journal', id: 'line 2' }),
      expect.objectContaining({ section: 'journal', id: 'line 3' }),
    ]);
    expect(readdirSync(directory).filter((name) => name.includes('corrupt'))).toHaveLength(1);
  });

  it('fails a commit when the journal cannot be written, and the next checkpoint still saves the change', async () => {
    const store = openConfStore({ directory });
    const { catalog } = open(store, join(directory, 'missing', 'journal'));
    catalog.putPartner(partner('p1'));

    await expect(catalog.commit()).rejects.toMatchObject({ code: 'storage_unavailable', problem: 'missing' });
    await catalog.close();
    expect(openConfStore({ directory }).get('partners').p1).toBeDefined();
  });
});
