import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../../main/core/app';
import { DEFAULT_SETTINGS } from '../../../main/core/domain/settings';
import { DesktopNotices } from '../../../main/core/notify/desktop-notices';
import type { DesktopNotice } from '../../../main/core/notify/notice-text';
import { NOTICES_FILE_NAME } from '../../../main/core/notify/notices-file';
import { FakeClock } from '../../support/fake-clock';
import { DAY, NOW, snapshotOf } from '../electron/snapshot-fixture';

const GATHER_MS = 1_000;

let profileDir: string;
let clock: FakeClock;
let delivered: DesktopNotice[];
let settings: typeof DEFAULT_SETTINGS;

beforeEach(() => {
  profileDir = mkdtempSync(join(tmpdir(), 'tokentray-notices-'));
  clock = new FakeClock(NOW);
  delivered = [];
  settings = { ...DEFAULT_SETTINGS };
});
afterEach(() => rmSync(profileDir, { recursive: true, force: true }));

/** One run of a host: a new instance on the same profile is a restart. */
function start(): DesktopNotices {
  return new DesktopNotices({
    notifier: { deliver: (notice) => delivered.push(notice) },
    clock,
    settings: () => settings,
    profileDir,
    gatherMs: GATHER_MS,
  });
}

const troubled = snapshotOf([{ partner: 'Acme', label: 'Live', expiresInMs: DAY, phase: 'needsAction' }]);
const recovered = snapshotOf([{ partner: 'Acme', label: 'Live', expiresInMs: DAY }]);
const needsAction: CoreEvent = { type: 'needsAction', connectionId: 'c0' };
const reminder: CoreEvent = {
  type: 'reminder',
  reminder: { connectionId: 'c0', tokenId: 't-c0', days: 3, expiresAt: NOW + 3 * DAY },
};

describe('desktop notices (the rules every host shares)', () => {
  it('tell that a connection needs action once, and not again after a restart while it still does', () => {
    let notices = start();
    notices.handle(needsAction, () => troubled);
    clock.advance(GATHER_MS);
    expect(delivered.map((n) => n.title)).toEqual(['Acme · Live needs action']);
    notices.dispose();

    notices = start();
    notices.handle(needsAction, () => troubled);
    clock.advance(GATHER_MS);
    expect(delivered).toHaveLength(1);
  });

  it('tell again after the connection recovered, even across a restart', () => {
    let notices = start();
    notices.handle(needsAction, () => troubled);
    clock.advance(GATHER_MS);
    notices.handle({ type: 'changed', connectionIds: ['c0'] }, () => recovered);
    notices.dispose();

    notices = start();
    notices.handle(needsAction, () => troubled);
    clock.advance(GATHER_MS);
    expect(delivered).toHaveLength(2);
  });

  it('deliver after the next start an alert the host stopped before showing, and only once', () => {
    let notices = start();
    notices.handle(reminder, () => recovered);
    notices.dispose();
    expect(delivered).toHaveLength(0);

    notices = start();
    clock.advance(GATHER_MS);
    expect(delivered.map((n) => n.title)).toEqual(['Acme · Live: token expires in 3 days']);
    notices.dispose();

    start();
    clock.advance(GATHER_MS);
    expect(delivered).toHaveLength(1);
  });

  it('say nothing of needs action when the person turned that off', () => {
    settings = { ...settings, notifyOnNeedsAction: false };
    const notices = start();
    notices.handle(needsAction, () => troubled);
    clock.advance(GATHER_MS);
    expect(delivered).toHaveLength(0);
    expect(notices.pending).toBe(0);
  });

  it('keep ids and labels in the profile, never more', () => {
    const notices = start();
    notices.handle(reminder, () => recovered);
    const kept = JSON.parse(readFileSync(join(profileDir, NOTICES_FILE_NAME), 'utf8')) as unknown;
    expect(kept).toEqual({
      needsActionTold: [],
      waiting: [
        { kind: 'reminder', connectionId: 'c0', label: 'Acme · Live', days: 3, expiresAt: NOW + 3 * DAY },
      ],
    });
  });

  it('start afresh from a notices file that cannot be read', () => {
    writeFileSync(join(profileDir, NOTICES_FILE_NAME), '{ not json');
    const notices = start();
    notices.handle(needsAction, () => troubled);
    clock.advance(GATHER_MS);
    expect(delivered).toHaveLength(1);
  });
});
