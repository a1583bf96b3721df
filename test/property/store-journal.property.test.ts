import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../main/core/store/journal-records';
import { StoreJournal } from '../../main/core/store/store-journal';
import type { DiskFaults } from '../support/faulty-journal-file';
import { FaultyDisk } from '../support/faulty-journal-file';

let directory: string;
let runs = 0;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'tokentray-journal-property-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** A record of a given size; the note holds characters of one to four UTF-8 bytes, so bytes and characters differ. */
function record(seq: number, note: string): JournalRecord {
  return { seq, ops: [{ patch: 'states', id: `c${seq}`, value: { lastError: note } }] };
}

type Fate = 'acknowledged' | 'refused' | 'unsettled';

/** Appends the groups (each group at once, so they share writes) until done or killed; what each append answered. */
async function appendThrough(path: string, disk: FaultyDisk, groups: readonly string[][]) {
  const { journal } = StoreJournal.open(path, { openFile: disk.open });
  const sent: JournalRecord[] = [];
  const fates = new Map<number, Fate>();
  for (const notes of groups) {
    const appends = notes.map((note) => {
      const next = record(sent.length + 1, note);
      sent.push(next);
      fates.set(next.seq, 'unsettled');
      return journal.append(next).then(
        () => void fates.set(next.seq, 'acknowledged'),
        () => void fates.set(next.seq, 'refused'),
      );
    });
    await Promise.race([Promise.all(appends), disk.death]);
    if (disk.killed) return { sent, fates };
  }
  await journal.close();
  return { sent, fates };
}

/** What a start-up after the run reads, and that the journal takes a new record after it. */
function reopenAndAppend(path: string) {
  const { journal, records } = StoreJournal.open(path);
  return { records, journal };
}

function seqsWith(fates: Map<number, Fate>, fate: Fate): number[] {
  return [...fates].filter(([, f]) => f === fate).map(([seq]) => seq);
}

async function checkRun(faults: DiskFaults, groups: string[][]): Promise<void> {
  const path = join(directory, `journal-${runs++}`);
  const disk = new FaultyDisk(faults);
  const { sent, fates } = await appendThrough(path, disk, groups);

  const first = reopenAndAppend(path);
  const reopened = first.records.map((r) => r.seq);
  // Every acknowledged record comes back, whole and in order; a refused one never does; one
  // the kill cut short of an answer may come back only if it was written whole.
  expect(reopened.filter((seq) => fates.get(seq) === 'acknowledged')).toEqual(
    seqsWith(fates, 'acknowledged'),
  );
  expect(reopened.filter((seq) => fates.get(seq) === 'refused')).toEqual([]);
  expect(reopened).toEqual([...reopened].sort((a, b) => a - b));
  for (const found of first.records) expect(found).toEqual(sent[found.seq - 1]);

  // Whatever the run left at the end of the file is cut off before the next record: it opens again.
  const after = record(10_000, '');
  await first.journal.append(after);
  await first.journal.close();
  expect(reopenAndAppend(path).records).toEqual([...first.records, after]);
}

const noFaults: DiskFaults = {
  chunks: [Infinity],
  capacity: Infinity,
  freeAfterFailures: 0,
  failingSyncs: [],
  killAtByte: Infinity,
};

const noteArb = fc.string({ unit: fc.constantFrom('a', 'é', '€', '😀', '"', '\\'), maxLength: 40 });

describe('the journal on a failing disk', () => {
  it('reopens with exactly the acknowledged records through short writes, a full disk, failing syncs and a kill', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          chunks: fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 1, maxLength: 4 }),
          capacity: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 900 })),
          freeAfterFailures: fc.integer({ min: 1, max: 4 }),
          failingSyncs: fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 3 }),
          killAtByte: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 1200 })),
        }),
        fc.array(fc.array(noteArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        checkRun,
      ),
      { numRuns: 200 },
    );
  });

  it('keeps nothing of a record cut at any byte by a kill, and takes the next record after it', async () => {
    const length = Buffer.byteLength(`${JSON.stringify(record(2, 'cut here: é€😀'))}\n`);
    const firstLength = Buffer.byteLength(`${JSON.stringify(record(1, 'kept'))}\n`);
    for (let offset = 0; offset <= length; offset++) {
      await checkRun({ ...noFaults, killAtByte: firstLength + offset }, [['kept'], ['cut here: é€😀']]);
    }
  });

  it('refuses a record the disk fills up at any byte, and keeps every acknowledged one around it', async () => {
    const length = Buffer.byteLength(`${JSON.stringify(record(2, 'cut here: é€😀'))}\n`);
    const firstLength = Buffer.byteLength(`${JSON.stringify(record(1, 'kept'))}\n`);
    for (let offset = 0; offset < length; offset++) {
      const path = join(directory, `full-${offset}`);
      const disk = new FaultyDisk({
        ...noFaults,
        chunks: [7],
        capacity: firstLength + offset,
        freeAfterFailures: 1,
      });
      const { fates } = await appendThrough(path, disk, [['kept'], ['cut here: é€😀'], ['after']]);

      expect([...fates.values()]).toEqual(['acknowledged', 'refused', 'acknowledged']);
      expect(reopenAndAppend(path).records.map((r) => r.seq)).toEqual([1, 3]);
    }
  });
});
