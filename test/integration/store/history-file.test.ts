import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryFile, historyPathFor } from '../../../main/core/audit/history-file';
import { openCatalog } from '../../../main/core/catalog/open-catalog';
import type { AuditEntry } from '../../../main/core/domain/audit';
import { openConfStore, storeFilePath } from '../../../main/core/store/conf-store';

let directory: string;
let historyPath: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'tokentray-history-'));
  historyPath = historyPathFor(storeFilePath({ directory }));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

function entry(index: number): AuditEntry {
  return {
    id: `a${index}`,
    at: 1_700_000_000_000 + index,
    action: 'renewed',
    outcome: 'ok',
    message: `r${index}`,
  };
}

function lines(path: string): number {
  return existsSync(path) ? readFileSync(path, 'utf8').trim().split('\n').filter(Boolean).length : 0;
}

describe('the history file', () => {
  it('takes the history at checkpoints, so the metadata file does not grow with it', async () => {
    const { catalog } = openCatalog(openConfStore({ directory }));
    catalog.putPartner({
      id: 'p1',
      name: 'Acme',
      contactEmail: '',
      notes: '',
      status: 'active',
      createdAt: 1,
    });
    catalog.checkpointNow();
    const before = statSync(storeFilePath({ directory })).size;
    for (let index = 0; index < 2_000; index++) {
      catalog.auditEntries().push(entry(index));
      catalog.appendedAudit(entry(index));
    }
    await catalog.commit();
    catalog.checkpointNow();
    await catalog.close();

    expect(statSync(storeFilePath({ directory })).size).toBeLessThan(before + 100);
    expect(openConfStore({ directory }).get('audit')).toEqual([]);
    expect(lines(historyPath)).toBe(2_000);
    const reopened = openCatalog(openConfStore({ directory })).catalog;
    expect(reopened.auditEntries()).toHaveLength(2_000);
    await reopened.close();
  });

  it('moves history kept in the metadata file by an earlier version to the history file once, even when a crash fell between the two writes', async () => {
    openConfStore({ directory }).set('audit', [entry(1), entry(2), entry(3)]);
    // A start-up that appended the first two to the history file and died before rewriting the metadata file.
    HistoryFile.open(historyPath).file.appendDurably([entry(1), entry(2)]);

    const { catalog } = openCatalog(openConfStore({ directory }));

    expect(catalog.auditEntries().map((e) => e.id)).toEqual(['a1', 'a2', 'a3']);
    expect(lines(historyPath)).toBe(3);
    expect(openConfStore({ directory }).get('audit')).toEqual([]);
    await catalog.close();
  });

  it('rotates by length: it keeps between the limit and twice the limit, and reads the newest ones', () => {
    const { file } = HistoryFile.open(historyPath, 10);
    for (let index = 0; index < 25; index++) file.appendDurably([entry(index)]);

    const reopened = HistoryFile.open(historyPath, 10);

    expect(lines(historyPath) + lines(`${historyPath}.1`)).toBeLessThanOrEqual(20);
    expect(lines(historyPath) + lines(`${historyPath}.1`)).toBeGreaterThanOrEqual(10);
    expect(reopened.entries.map((e) => e.id)).toEqual(Array.from({ length: 10 }, (_, i) => `a${15 + i}`));
  });
});
