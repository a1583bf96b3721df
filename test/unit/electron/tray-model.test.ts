import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../../main/core/view/connection-status';
import {
  TRAY_ICON_SIZES,
  TRAY_STATES,
  trayIconFileName,
  trayIconFiles,
  trayStateOf,
} from '../../../main/electron/tray-icons';
import {
  formatTimeUntil,
  trayMenuModel,
  traySummaryOf,
  trayTooltip,
} from '../../../main/electron/tray-model';
import { StorageError } from '../../../main/core/store/storage-failure';
import { storageNotice } from '../../../main/core/notify/notice-text';
import { pngSize } from './png-size';
import { secretsLock } from '../../../main/core/vault/profile-lock-state';
import { DAY, MINUTE, NOW, snapshotOf } from '../electron/snapshot-fixture';

const HOUR = 60 * MINUTE;
const ICONS = join(import.meta.dirname, '../../../build/icons/tray');

describe('tray icon', () => {
  it.each<[ConnectionStatus, string]>([
    ['healthy', 'healthy'],
    ['renewing', 'healthy'],
    ['paused', 'healthy'],
    ['expiringSoon', 'expiring'],
    ['retrying', 'expiring'],
    ['needsAction', 'needsAction'],
  ])('shows %s as the %s icon', (status, state) => {
    expect(trayStateOf(status)).toBe(state);
  });

  it('follows the worst connection: one that needs action among healthy ones turns the tray red', () => {
    const snapshot = snapshotOf([
      { partner: 'Acme', label: 'Live', expiresInMs: 10 * HOUR, dueInMs: 6 * HOUR },
      { partner: 'Beta', label: 'Portal', expiresInMs: 10 * HOUR, phase: 'needsAction' },
      { partner: 'Beta', label: 'Sandbox', expiresInMs: 2 * MINUTE, dueInMs: 0 },
    ]);
    expect(traySummaryOf(snapshot).state).toBe('needsAction');
  });

  it('has a committed PNG of each state at each size, so packaging needs no browser', () => {
    for (const state of TRAY_STATES) {
      for (const size of TRAY_ICON_SIZES) {
        expect(pngSize(join(ICONS, trayIconFileName(state, size)))).toEqual({ width: size, height: size });
      }
    }
  });

  it('gives Linux panels the 32 px image alone and other platforms 16 px with a 2x representation', () => {
    expect(trayIconFiles('expiring', 'linux', '/icons')).toEqual({
      base: '/icons/tray-expiring-32.png',
      double: null,
    });
    expect(trayIconFiles('needsAction', 'darwin', '/icons')).toEqual({
      base: '/icons/tray-needs-action-16.png',
      double: '/icons/tray-needs-action-32.png',
    });
  });
});

describe('tray tooltip', () => {
  it('names the worst state and the next expiry with its connection', () => {
    const snapshot = snapshotOf([
      { partner: 'Acme', label: 'Live', expiresInMs: 3 * HOUR + 5 * MINUTE, dueInMs: 2 * HOUR },
      { partner: 'Beta', label: 'Portal', expiresInMs: 10 * HOUR, phase: 'needsAction' },
    ]);
    expect(trayTooltip(traySummaryOf(snapshot), NOW)).toBe(
      'TokenTray: 1 needs action\nNext expiry: Acme · Live in 3 h 5 min',
    );
  });

  it('says all tokens are healthy when they are', () => {
    const snapshot = snapshotOf([{ partner: 'Acme', label: 'Live', expiresInMs: 5 * DAY, dueInMs: 3 * DAY }]);
    expect(trayTooltip(traySummaryOf(snapshot), NOW)).toBe(
      'TokenTray: all tokens healthy\nNext expiry: Acme · Live in 5 days',
    );
  });

  it('counts connections expiring soon', () => {
    const snapshot = snapshotOf([
      { partner: 'Acme', label: 'Live', expiresInMs: 2 * MINUTE },
      { partner: 'Acme', label: 'Test', expiresInMs: 4 * MINUTE },
    ]);
    expect(trayTooltip(traySummaryOf(snapshot), NOW)).toBe(
      'TokenTray: 2 expiring soon\nNext expiry: Acme · Live in 2 min',
    );
  });

  it('never calls paused connections healthy, and says renewals are paused', () => {
    const snapshot = snapshotOf(
      [
        { partner: 'Acme', label: 'Live', expiresInMs: 2 * HOUR },
        { partner: 'Acme', label: 'Test', expiresInMs: 4 * HOUR },
      ],
      { renewalsPaused: true },
    );
    expect(trayTooltip(traySummaryOf(snapshot), NOW)).toBe(
      'TokenTray: 2 not renewing (paused)\nRenewals paused\nNext expiry: Acme · Live in 2 h',
    );
  });

  it('says the keychain is unavailable and that there are no connections yet', () => {
    const snapshot = snapshotOf([], { keychainAvailable: false });
    expect(trayTooltip(traySummaryOf(snapshot), NOW)).toBe(
      'TokenTray: no connections yet\nKeychain unavailable',
    );
  });

  it('does not invent an expiry when no token has a known one', () => {
    const snapshot = snapshotOf([{ partner: 'Acme', label: 'Live', expiresInMs: null }]);
    expect(trayTooltip(traySummaryOf(snapshot), NOW)).toContain('No token is due to expire');
  });

  it('stays within the 127 characters Windows shows, shortening a long name', () => {
    const snapshot = snapshotOf(
      [
        {
          partner: 'A partner with a very long legal name indeed',
          label: 'x'.repeat(150),
          expiresInMs: HOUR,
        },
      ],
      { renewalsPaused: true, keychainAvailable: false },
    );
    const tooltip = trayTooltip(traySummaryOf(snapshot), NOW);
    expect(tooltip.length).toBeLessThanOrEqual(127);
    expect(tooltip).toContain('…');
  });
});

describe('tray menu', () => {
  const labels = (items: ReturnType<typeof trayMenuModel>) =>
    items.map((item) => (item.type === 'separator' ? '---' : item.label));

  it('offers open, renew what is due, pause renewals and quit', () => {
    const summary = traySummaryOf(
      snapshotOf([{ partner: 'Acme', label: 'Live', expiresInMs: DAY, dueInMs: HOUR }]),
    );
    expect(labels(trayMenuModel(summary))).toEqual([
      'Open TokenTray',
      'Renew what is due',
      '---',
      'Pause renewals',
      '---',
      'Quit TokenTray',
    ]);
  });

  it('disables "Renew what is due" when nothing is due, and counts what is', () => {
    const idle = traySummaryOf(
      snapshotOf([{ partner: 'Acme', label: 'Live', expiresInMs: DAY, dueInMs: HOUR }]),
    );
    expect(trayMenuModel(idle)[1]).toMatchObject({ action: 'renewDue', enabled: false });

    const due = traySummaryOf(
      snapshotOf([
        { partner: 'Acme', label: 'Live', expiresInMs: 4 * MINUTE, dueInMs: -MINUTE },
        { partner: 'Acme', label: 'Test', expiresInMs: 3 * MINUTE, dueInMs: 0 },
        { partner: 'Acme', label: 'Portal', dialect: 'manual', expiresInMs: 3 * DAY, dueInMs: 0 },
      ]),
    );
    expect(trayMenuModel(due)[1]).toMatchObject({ label: 'Renew what is due (2)', enabled: true });
  });

  it('keeps "Renew what is due" when the keychain went away after start-up: the data key is in memory', () => {
    const summary = traySummaryOf(
      snapshotOf([{ partner: 'Acme', label: 'Live', expiresInMs: MINUTE, dueInMs: 0 }], {
        keychainAvailable: false,
      }),
    );
    expect(trayMenuModel(summary)[1]).toMatchObject({ enabled: true });
  });

  it('disables renewing while the profile is locked', () => {
    const summary = traySummaryOf(
      snapshotOf([{ partner: 'Acme', label: 'Live', expiresInMs: MINUTE, dueInMs: 0 }], {
        keychainAvailable: false,
        secretsLock: secretsLock('keychain_unavailable'),
      }),
    );
    expect(trayMenuModel(summary)[1]).toMatchObject({ enabled: false });
  });

  it('ticks "Pause renewals" while renewals are paused', () => {
    const running = traySummaryOf(snapshotOf([]));
    const paused = traySummaryOf(snapshotOf([], { renewalsPaused: true }));
    expect(trayMenuModel(running)[3]).toMatchObject({ type: 'checkbox', checked: false, enabled: true });
    expect(trayMenuModel(paused)[3]).toMatchObject({ type: 'checkbox', checked: true, enabled: true });
  });
});

describe('time until an expiry', () => {
  it.each([
    [0, 'now'],
    [30_000, 'in less than a minute'],
    [12 * MINUTE + 59_000, 'in 12 min'],
    [HOUR, 'in 1 h'],
    [3 * HOUR + 5 * MINUTE, 'in 3 h 5 min'],
    [47 * HOUR, 'in 47 h'],
    [9 * DAY + HOUR, 'in 9 days'],
  ])('reads %i ms as "%s"', (ms, text) => {
    expect(formatTimeUntil(ms)).toBe(text);
  });
});

describe('tray when changes cannot be saved', () => {
  const storage = new StorageError('full', '/home/ada/.config/TokenTray', 'ENOSPC');
  const full = {
    ok: false as const,
    code: 'storage_full' as const,
    problem: storage.problem,
    message: storage.message,
    guidance: storage.guidance,
    directory: storage.directory,
    since: NOW,
  };

  it('turns the icon to needs action and says so first in the tooltip, whatever the connections say', () => {
    const summary = traySummaryOf(
      snapshotOf([{ partner: 'Acme', label: 'Live', expiresInMs: 10 * HOUR, dueInMs: 6 * HOUR }], {
        storage: full,
      }),
    );

    expect(summary.state).toBe('needsAction');
    expect(trayTooltip(summary, NOW).split('\n')[0]).toBe('TokenTray: cannot save changes');
  });

  it('goes back to the connections once writes succeed again', () => {
    const summary = traySummaryOf(
      snapshotOf([{ partner: 'Acme', label: 'Live', expiresInMs: 10 * HOUR, dueInMs: 6 * HOUR }], {
        storage: { ok: true },
      }),
    );

    expect(summary.state).toBe('healthy');
    expect(summary.storageProblem).toBeNull();
  });

  it('notifies once with what happened and where to free space', () => {
    expect(storageNotice(full)).toMatchObject({
      title: 'TokenTray cannot save changes: the disk is full.',
      body: 'Free space on the disk that holds /home/ada/.config/TokenTray.',
    });
    expect(storageNotice({ ok: true })).toBeNull();
  });
});
