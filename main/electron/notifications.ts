import { Notification } from 'electron';
import type { CoreEvent, TokenTrayCore } from '../core/app';
import { systemClock } from '../core/engine/clock';
import type { ConnectionStatus } from '../core/view/connection-status';
import type { ListSnapshot } from '../core/view/list-snapshot';
import { NeedsActionMemory } from './needs-action-memory';
import { NotificationBatcher } from './notification-batcher';
import type { DesktopNotice } from './notification-text';
import { storageNotice } from './notification-text';

export interface DesktopNotificationsDeps {
  core: TokenTrayCore;
  iconPath: string;
  /** A notification was clicked: open the window on that connection. */
  onClick: (connectionId: string) => void;
}

/**
 * Desktop notifications: reminders for
 * manual tokens and renewals that need action, gathered into summaries and held
 * through quiet hours by the batcher.
 */
export class DesktopNotifications {
  private readonly batcher: NotificationBatcher;
  private readonly needsAction = new NeedsActionMemory();
  /** Shown notifications are kept referenced, or their click handler can be collected. */
  private readonly shown = new Set<Notification>();

  constructor(private readonly deps: DesktopNotificationsDeps) {
    this.batcher = new NotificationBatcher({
      clock: systemClock,
      quietHours: () => deps.core.getSettings().quietHours,
      deliver: (notice) => this.show(notice),
    });
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
      if (notice) this.show(notice);
      return;
    }
    const current = snapshot();
    const connectionId = event.type === 'reminder' ? event.reminder.connectionId : event.connectionId;
    const label = labelOf(current, connectionId);
    if (label === null) return;
    if (event.type === 'reminder') {
      const { days, expiresAt } = event.reminder;
      this.batcher.add({ kind: 'reminder', connectionId, label, days, expiresAt });
    } else if (current.settings.notifyOnNeedsAction && this.needsAction.shouldNotify(connectionId)) {
      this.batcher.add({ kind: 'needsAction', connectionId, label });
    }
  }

  /** After sleep: alerts held for quiet hours that ended meanwhile go out now. */
  reconsider(): void {
    this.batcher.reconsider();
  }

  dispose(): void {
    this.batcher.dispose();
    for (const notification of this.shown) notification.close();
    this.shown.clear();
  }

  private show(notice: DesktopNotice): void {
    if (!Notification.isSupported()) return;
    const notification = new Notification({
      title: notice.title,
      body: notice.body,
      icon: this.deps.iconPath,
    });
    this.shown.add(notification);
    notification.on('click', () => {
      this.shown.delete(notification);
      this.deps.onClick(notice.connectionId);
    });
    notification.on('close', () => this.shown.delete(notification));
    notification.show();
  }
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
