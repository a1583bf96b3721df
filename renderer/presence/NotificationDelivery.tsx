import { useState } from 'react';
import type { WebNotificationPermission } from './web-notifications';
import { askForWebNotifications, webNotificationPermission } from './web-notifications';

/** Electron's preload exposes the API on window; the browser host's page has none. */
function inBrowserHost(): boolean {
  return !window.tokentray;
}

/** Which part of TokenTray shows what, so nobody wonders why a notification came, or did not. */
export function NotificationDelivery() {
  const [permission, setPermission] = useState<WebNotificationPermission>(webNotificationPermission);
  if (!inBrowserHost()) {
    return (
      <p className="section-note">
        TokenTray shows desktop notifications itself; clicking one opens its connection.
      </p>
    );
  }
  return (
    <div className="notification-delivery">
      <p className="section-note">
        Desktop notifications come from the TokenTray process started in the terminal, through the
        system&apos;s notification service (notify-send on Linux, the notification centre on macOS and
        Windows), with the reminder days, the setting below and the quiet hours applied. On Linux a click on
        one cannot reach TokenTray: its connection opens when this page is next opened. This tab shows the
        count of connections that need attention in its title and icon.
      </p>
      {permission === 'default' && (
        <p className="section-note">
          Where the desktop has no notification service, this browser can show them instead.{' '}
          <button
            type="button"
            className="button"
            onClick={() => void askForWebNotifications().then(setPermission)}
          >
            Allow browser notifications
          </button>
        </p>
      )}
      {permission === 'granted' && (
        <p className="section-note" role="status">
          Browser notifications are allowed: this browser shows those the desktop cannot.
        </p>
      )}
      {permission === 'denied' && (
        <p className="section-note" role="status">
          This browser blocks TokenTray&apos;s notifications; allow them in its site settings to use them.
        </p>
      )}
    </div>
  );
}
