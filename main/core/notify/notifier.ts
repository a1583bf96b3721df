import type { DesktopNotice } from './notice-text';

/**
 * How a host shows one desktop notification (Electron's Notification, or
 * node-notifier in the browser host). The rules of what to show, when and how
 * many at once are applied before: a host only delivers.
 */
export interface Notifier {
  deliver(notice: DesktopNotice): void;
}
