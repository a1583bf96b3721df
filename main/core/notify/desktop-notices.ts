import type { CoreEvent, TokenTrayCore } from '../app';
import type { Settings } from '../domain/settings';
import type { Clock } from '../domain/clock';
import type { ConnectionStatus } from '../view/connection-status';
import type { ListSnapshot } from '../view/list-snapshot';
import { buildListSnapshot } from '../view/list-snapshot';
import { NeedsActionMemory } from './needs-action-memory';
import { NotificationBatcher } from './notice-batcher';
import { storageNotice } from './notice-text';
import { NoticesFile } from './notices-file';
import type { Notifier } from './notifier';

export interface DesktopNoticesDeps {
  notifier: Notifier;
  clock: Clock;
  settings: () => Pick<Settings, 'quietHours' | 'notifyOnNeedsAction'>;
  /** The profile folder, where what was told and what waits are kept across restarts; memory only without. */
  profileDir?: string;
  /** How long alerts are gathered into one notification (tests shorten it). */
  gatherMs?: number;
  localDate?: (epochMs: number) => Date;
}

/**
 * Desktop notifications, the same for every host: reminders before a manual
 * token expires (the core raises each milestone once per token) and renewals
 * that need action (once per episode), gathered into one summary when several
 * come together and held through quiet hours. What was told and what waits is
 * kept in the profile, so a restart neither repeats nor loses one.
 */
export class DesktopNotices {
  private readonly batcher: NotificationBatcher;
  private readonly needsAction: NeedsActionMemory;

  constructor(private readonly deps: DesktopNoticesDeps) {
    const file = deps.profileDir ? new NoticesFile(deps.profileDir) : null;
    const remembered = file?.read();
    this.needsAction = new NeedsActionMemory(remembered?.needsActionTold, (told) =>
      file?.update({ needsActionTold: told }),
    );
    this.batcher = new NotificationBatcher({
      clock: deps.clock,
      quietHours: () => deps.settings().quietHours,
      deliver: (notice) => deps.notifier.deliver(notice),
      gatherMs: deps.gatherMs,
      localDate: deps.localDate,
      onWaiting: (waiting) => file?.update({ waiting }),
    });
    for (const alert of remembered?.waiting ?? []) this.batcher.add(alert);
  }

  /** `snapshot` is called only when the event needs one: snapshots of thousands of connections are not free. */
  handle(event: CoreEvent, snapshot: () => ListSnapshot): void {
    if (event.type === 'changed') {
      if (this.needsAction.remembered > 0) {
        const current = snapshot();
        this.needsAction.forgetRecovered((id) => statusOf(current, id));
      }
      // A settings change may have ended the quiet hours.
      if (event.connectionIds.length === 0) this.batcher.reconsider();
      return;
    }
    // The window says why the host stops; the process ends right after.
    if (event.type === 'stopping') return;
    if (event.type === 'storage') {
      // Said once when saving stops; the window's banner says when it works again.
      const notice = storageNotice(event.state);
      if (notice) this.deps.notifier.deliver(notice);
      return;
    }
    const current = snapshot();
    const connectionId = event.type === 'reminder' ? event.reminder.connectionId : event.connectionId;
    const label = labelOf(current, connectionId);
    if (label === null) return;
    if (event.type === 'reminder') {
      const { days, expiresAt } = event.reminder;
      this.batcher.add({ kind: 'reminder', connectionId, label, days, expiresAt });
    } else if (this.deps.settings().notifyOnNeedsAction && this.needsAction.shouldNotify(connectionId)) {
      this.batcher.add({ kind: 'needsAction', connectionId, label });
    }
  }

  /** After sleep: alerts held for quiet hours that ended meanwhile go out now. */
  reconsider(): void {
    this.batcher.reconsider();
  }

  /** Alerts gathered or held for quiet hours, not yet delivered. */
  get pending(): number {
    return this.batcher.pending;
  }

  /** Alerts wait for the quiet hours to end. */
  get heldForQuietHours(): boolean {
    return this.batcher.heldForQuietHours;
  }

  /** Stops the timers; what still waits stays in the profile for the next start. */
  dispose(): void {
    this.batcher.dispose();
  }
}

/**
 * Notifications for a host that needs no snapshot of its own for other reasons
 * (the browser host): subscribed before the core starts, so reminders raised at
 * start-up are heard. Returns the notices and how to stop listening.
 */
export function attachDesktopNotices(
  core: TokenTrayCore,
  deps: Omit<DesktopNoticesDeps, 'settings'>,
): { notices: DesktopNotices; detach: () => void } {
  const notices = new DesktopNotices({ ...deps, settings: () => core.getSettings() });
  const unsubscribe = core.subscribe((event) => {
    let snapshot: ListSnapshot | undefined;
    notices.handle(event, () => (snapshot ??= core.view(buildListSnapshot)));
  });
  return {
    notices,
    detach: () => {
      unsubscribe();
      notices.dispose();
    },
  };
}

function findConnection(snapshot: ListSnapshot, connectionId: string) {
  for (const partner of snapshot.partners) {
    const connection = partner.connections.find((c) => c.id === connectionId);
    if (connection) return { partner, connection };
  }
  return null;
}

function labelOf(snapshot: ListSnapshot, connectionId: string): string | null {
  const found = findConnection(snapshot, connectionId);
  return found ? `${found.partner.name} · ${found.connection.label}` : null;
}

function statusOf(snapshot: ListSnapshot, connectionId: string): ConnectionStatus | null {
  return findConnection(snapshot, connectionId)?.connection.status ?? null;
}
