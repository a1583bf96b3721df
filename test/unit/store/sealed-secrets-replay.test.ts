import { describe, expect, it } from 'vitest';
import { readJournalLine, replayJournal } from '../../../main/core/store/journal-records';
import { emptyStoreData } from '../../../main/core/store/schema';

describe('replaying sealed secrets from the journal', () => {
  it('files a secret under the id "__proto__" as a plain entry, touching no object prototype', () => {
    const data = emptyStoreData();
    const line = JSON.stringify({
      seq: 1,
      ops: [
        { seal: '__proto__', kind: 'refreshToken', value: 's1.1.sealed-value' },
        { seal: 'constructor', kind: 'accessToken', value: 's1.1.other-sealed-value' },
      ],
    });
    const { record } = readJournalLine(line, 1);

    replayJournal(data, [record!]);

    expect(Object.getPrototypeOf(data.secrets)).toBeNull();
    expect(Object.keys(data.secrets).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.hasOwn(data.secrets, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).refreshToken).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('refreshToken');
  });
});
