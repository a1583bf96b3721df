import { Notification } from 'electron';
import type { DesktopNotice } from '../core/notify/notice-text';
import type { Notifier } from '../core/notify/notifier';

export interface ElectronNotifierDeps {
  iconPath: string;
  /** A notification was clicked: open the window on that connection. */
  onClick: (connectionId: string) => void;
}

/**
 * Delivers the core's desktop notifications through Electron, where a click is
 * seen: it opens the window on the connection the notification speaks for.
 */
export class ElectronNotifier implements Notifier {
  /** Shown notifications are kept referenced, or their click handler can be collected. */
  private readonly shown = new Set<Notification>();

  constructor(private readonly deps: ElectronNotifierDeps) {}

  deliver(notice: DesktopNotice): void {
    if (!Notification.isSupported()) return;
    const notification = new Notification({
      title: notice.title,
      body: notice.body,
      icon: this.deps.iconPath,
    });
    this.shown.add(notification);
    notification.on('click', () => {
      this.shown.delete(notification);
      if (notice.connectionId) this.deps.onClick(notice.connectionId);
    });
    notification.on('close', () => this.shown.delete(notification));
    notification.show();
  }

  dispose(): void {
    for (const notification of this.shown) notification.close();
    this.shown.clear();
  }
}
