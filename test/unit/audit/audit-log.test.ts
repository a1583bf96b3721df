import { describe, expect, it } from 'vitest';
import { AuditLog, HISTORY_PAGE, redact } from '../../../main/core/audit/audit-log';
import type { AuditEntry } from '../../../main/core/domain/audit';

/** A log kept in an array, the way the catalog keeps its audit section; time steps a second per call. */
function setup(options: { limit?: number; start?: number } = {}) {
  const saved: { entries: AuditEntry[]; saves: number } = { entries: [], saves: 0 };
  let time = options.start ?? 1_700_000_000_000;
  const create = () =>
    new AuditLog({
      entries: saved.entries,
      appended: () => {
        saved.saves++;
      },
      now: () => (time += 1000),
      ...(options.limit === undefined ? {} : { limit: options.limit }),
    });
  return { saved, create };
}

describe('AuditLog', () => {
  it('gives each entry an id and the time of appending, and saves it at once', () => {
    const { saved, create } = setup({ start: 5_000 });
    const entry = create().append({ action: 'renewed', outcome: 'ok', connectionId: 'c1', httpStatus: 200 });

    expect(entry).toMatchObject({
      action: 'renewed',
      outcome: 'ok',
      connectionId: 'c1',
      httpStatus: 200,
      at: 6_000,
    });
    expect(entry.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(saved.saves).toBe(1);
    expect(saved.entries).toEqual([entry]);
  });

  it('lists the newest entry first', () => {
    const { create } = setup();
    const log = create();
    for (const action of ['issued', 'renewed', 'copied'] as const) log.append({ action, outcome: 'ok' });

    expect(log.list().map((entry) => entry.action)).toEqual(['copied', 'renewed', 'issued']);
  });

  it('keeps only the newest entries past its limit', () => {
    const { saved, create } = setup({ limit: 3 });
    const log = create();
    for (let n = 1; n <= 5; n++) log.append({ action: 'renewed', outcome: 'ok', message: `renewal ${n}` });

    expect(log.list().map((entry) => entry.message)).toEqual(['renewal 5', 'renewal 4', 'renewal 3']);
    expect(saved.entries).toHaveLength(3);
  });

  it('filters by connection and by partner, and stops at the asked number', () => {
    const { create } = setup();
    const log = create();
    log.append({ action: 'renewed', outcome: 'ok', partnerId: 'p1', connectionId: 'c1', message: 'a' });
    log.append({ action: 'renewed', outcome: 'ok', partnerId: 'p2', connectionId: 'c2', message: 'b' });
    log.append({
      action: 'renewalFailed',
      outcome: 'followUp',
      partnerId: 'p1',
      connectionId: 'c3',
      message: 'c',
    });
    log.append({ action: 'verified', outcome: 'ok', partnerId: 'p1', connectionId: 'c1', message: 'd' });

    const messages = (entries: AuditEntry[]) => entries.map((entry) => entry.message);
    expect(messages(log.list({ connectionId: 'c1' }))).toEqual(['d', 'a']);
    expect(messages(log.list({ partnerId: 'p1' }))).toEqual(['d', 'c', 'a']);
    expect(messages(log.list({ partnerId: 'p1', limit: 2 }))).toEqual(['d', 'c']);
    expect(log.list({ partnerId: 'p2', connectionId: 'c1' })).toEqual([]);
  });

  it('cuts long messages to 1000 characters', () => {
    const { create } = setup();
    const entry = create().append({ action: 'renewalFailed', outcome: 'retry', message: 'é'.repeat(5000) });

    expect(entry.message).toHaveLength(1000);
    expect(entry.message?.endsWith('…')).toBe(true);
  });

  it('keeps its history when created again from what it saved', () => {
    const { create } = setup();
    const first = create();
    first.append({ action: 'issued', outcome: 'ok', connectionId: 'c1' });
    first.append({ action: 'renewed', outcome: 'ok', connectionId: 'c1' });

    const second = create();
    second.append({ action: 'copied', outcome: 'info', connectionId: 'c1' });

    expect(second.list().map((entry) => entry.action)).toEqual(['copied', 'renewed', 'issued']);
  });

  it('hands out copies, so changing a listed entry does not change the history', () => {
    const { create } = setup();
    const log = create();
    log.append({ action: 'issued', outcome: 'ok', message: 'original' });
    const [listed] = log.list();
    if (listed) listed.message = 'changed';

    expect(log.list()[0]?.message).toBe('original');
  });
});

describe('redact', () => {
  it('replaces every occurrence of each secret', () => {
    const message = 'server echoed rt-abc123 and at-xyz, then rt-abc123 again';
    expect(redact(message, ['rt-abc123', 'at-xyz'])).toBe(
      'server echoed [redacted] and [redacted], then [redacted] again',
    );
  });

  it('hides the longer secret whole when one secret contains another', () => {
    expect(redact('token abcdef', ['abc', 'abcdef'])).toBe('token [redacted]');
  });

  it('leaves a message without secrets as it is and ignores empty secrets', () => {
    expect(redact('renewed, HTTP 200', ['', 'never-there'])).toBe('renewed, HTTP 200');
  });
});

describe('AuditLog pages', () => {
  it('answers a page, newest first, and the next page after the last entry of the one before', () => {
    const { create } = setup();
    const log = create();
    for (let index = 1; index <= 5; index++)
      log.append({ action: 'renewed', outcome: 'ok', message: `r${index}` });

    const first = log.list({ limit: 2 });
    const second = log.list({ limit: 2, before: first.at(-1)!.id });
    const last = log.list({ limit: 2, before: second.at(-1)!.id });

    expect([first, second, last].map((page) => page.map((e) => e.message))).toEqual([
      ['r5', 'r4'],
      ['r3', 'r2'],
      ['r1'],
    ]);
  });

  it('answers a page, not the whole history, when no limit is named', () => {
    const { create } = setup();
    const log = create();
    for (let index = 0; index < HISTORY_PAGE + 50; index++) log.append({ action: 'renewed', outcome: 'ok' });

    expect(log.list()).toHaveLength(HISTORY_PAGE);
  });
});
