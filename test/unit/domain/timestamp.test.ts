import { describe, expect, it } from 'vitest';
import { shareDraft } from '../../../main/core/api/share-draft';
import { boundedTime, EARLIEST_TIME_MS, LATEST_TIME_MS } from '../../../main/core/domain/time-range';
import { TimestampSchema } from '../../../main/core/domain/timestamp';
import { afterSeconds } from '../../../main/core/dialects/response-times';
import { formatFull, formatWhen, toIsoValue } from '../../../renderer/format/time';
import { HOSTILE_TIMES } from '../../support/hostile-values';

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);
/** Numbers a damaged file or an older TokenTray may still hold. */
const ANY_NUMBERS = [...HOSTILE_TIMES, -8.64e15 - 1, NaN, Infinity, -Infinity, 0.5, NOW];

describe('times from outside', () => {
  it('are accepted from the year 2000 to the end of the year 9999 and refused beyond', () => {
    expect(TimestampSchema.safeParse(EARLIEST_TIME_MS).success).toBe(true);
    expect(TimestampSchema.safeParse(LATEST_TIME_MS).success).toBe(true);
    for (const at of HOSTILE_TIMES) expect(TimestampSchema.safeParse(at).success).toBe(false);
    expect(boundedTime(LATEST_TIME_MS + 1)).toBeNull();
    expect(boundedTime(NOW)).toBe(NOW);
  });

  it('a partner lifetime that lands past the year 9999 reads as unknown', () => {
    expect(afterSeconds(3600, LATEST_TIME_MS - 1000)).toBeNull();
    expect(afterSeconds(3600, NOW)).toBe(NOW + 3_600_000);
  });
});

describe('formatting a date', () => {
  it('never throws, whatever number it is given, in the share draft and in the window', () => {
    for (const at of ANY_NUMBERS) {
      const draft = shareDraft({
        partnerName: 'Acme',
        contactEmail: 'ops@acme.example',
        connectionLabel: 'Orders',
        token: 'tok',
        fingerprint: 'abc',
        issuedAt: at,
        expiresAt: at,
      });
      expect(draft.mailto).toMatch(/^mailto:/);
      expect(typeof formatWhen(at, NOW)).toBe('string');
      expect(typeof formatFull(at)).toBe('string');
      expect(typeof toIsoValue(at)).toBe('string');
    }
  });

  it('says the date is unreadable where JavaScript has no date for it', () => {
    expect(formatFull(9007199254740991)).toBe('an unreadable date');
    expect(
      shareDraft({
        partnerName: 'Acme',
        contactEmail: '',
        connectionLabel: 'Orders',
        token: 't',
        fingerprint: 'f',
        issuedAt: NOW,
        expiresAt: 8640000000000001,
      }).warning,
    ).toContain('an unreadable date');
  });
});
