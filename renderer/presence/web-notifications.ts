import type { ApiEvent } from '../api/types';

type NoticeEvent = Extract<ApiEvent, { type: 'notice' }>;

/** Whether this browser can show Web Notifications, and what the person said. */
export type WebNotificationPermission = NotificationPermission | 'unsupported';

export function webNotificationPermission(): WebNotificationPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Asked only from a button the person pressed: browsers ignore, and people resent, a prompt on load. */
export async function askForWebNotifications(): Promise<WebNotificationPermission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

/**
 * Shows the host's notice in the browser when the desktop could not (no
 * notification service there) and the person allowed it. A click brings the
 * tab forward on that connection.
 */
export function showWebNotification(event: NoticeEvent, onClick: (connectionId: string) => void): boolean {
  if (event.desktop || webNotificationPermission() !== 'granted') return false;
  const notification = new Notification(event.title, {
    body: event.body,
    // One per connection: a newer notice replaces an older one instead of piling up.
    tag: `tokentray:${event.connectionId || 'app'}`,
  });
  notification.onclick = () => {
    window.focus();
    if (event.connectionId) onClick(event.connectionId);
    notification.close();
  };
  return true;
}
