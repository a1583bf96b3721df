import nodeNotifier from 'node-notifier';
import type { ApiEvent } from '../core/api/api-contract';
import type { DesktopNotice } from '../core/notify/notice-text';
import type { Notifier } from '../core/notify/notifier';

/** What became of one notification: the desktop took it or not, and, where the platform says so, a click. */
export interface DeliveryReport {
  shown(desktop: boolean): void;
  clicked(): void;
}

/** Shows one notification on the desktop; `report` hears what happened. */
export type ShowOnDesktop = (notice: DesktopNotice, report: DeliveryReport) => void;

/** notify-send (libnotify) on Linux; the native notification centres on macOS and Windows. */
const LINUX = process.platform === 'linux' || process.platform.endsWith('bsd');

/**
 * node-notifier's desktop notifications. On Linux it runs notify-send, which
 * cannot say when a notification is clicked, so the click is not seen there; on
 * macOS and Windows it waits for the person's answer and reports a click.
 */
export const nodeNotifierDesktop =
  (iconPath?: string): ShowOnDesktop =>
  (notice, report) => {
    const options = {
      // notify-send reads a title that starts with a dash as one of its options.
      title: notice.title.startsWith('-') ? `TokenTray: ${notice.title}` : notice.title,
      message: notice.body || notice.title,
      icon: iconPath,
      'app-name': 'TokenTray',
      wait: !LINUX,
    };
    if (!LINUX) report.shown(true);
    nodeNotifier.notify(options, (error, response, metadata) => {
      if (LINUX) return report.shown(error === null);
      if (error) return;
      if (response === 'activate' || metadata?.activationType === 'contentsClicked') report.clicked();
    });
  };

export interface BrowserHostNotifierDeps {
  show: ShowOnDesktop;
  /** The window's part: it shows counts, and a Web Notification when the desktop took none. */
  page: PageNotices;
}

/** The browser host's notifications: the desktop first, and the window hears of each one. */
export class BrowserHostNotifier implements Notifier {
  constructor(private readonly deps: BrowserHostNotifierDeps) {}

  deliver(notice: DesktopNotice): void {
    this.deps.show(notice, {
      shown: (desktop) => this.deps.page.noticed(notice, desktop),
      clicked: () => this.deps.page.clicked(notice.connectionId),
    });
  }
}

/** How the page hears: `send` answers how many open windows the event reached. */
export type PageSend = (event: PageNoticeEvent) => number;

export type PageNoticeEvent = Extract<ApiEvent, { type: 'notice' | 'focusConnection' }>;

/**
 * The browser host's notifications as the window sees them. A click on a
 * notify-send notification cannot be seen, so a notification that reached no
 * open window leaves its connection to be opened when a window next connects.
 */
export class PageNotices {
  private send: PageSend = () => 0;
  private focusOnConnect: string | null = null;

  /** The server's event streams. */
  connect(send: PageSend): void {
    this.send = send;
  }

  noticed(notice: DesktopNotice, desktop: boolean): void {
    const { title, body, connectionId, count } = notice;
    const reached = this.send({ type: 'notice', title, body, connectionId, count, desktop });
    if (reached === 0 && connectionId) this.focusOnConnect = connectionId;
  }

  clicked(connectionId: string): void {
    if (!connectionId) return;
    if (this.send({ type: 'focusConnection', connectionId }) === 0) this.focusOnConnect = connectionId;
  }

  /** The connection a newly connected window opens, once. */
  takeFocus(): string | null {
    const connectionId = this.focusOnConnect;
    this.focusOnConnect = null;
    return connectionId;
  }
}
