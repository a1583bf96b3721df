import { describe, expect, it } from 'vitest';
import type { PageNoticeEvent } from '../../../main/web-host/desktop-notifier';
import { BrowserHostNotifier, PageNotices } from '../../../main/web-host/desktop-notifier';
import type { DesktopNotice } from '../../../main/core/notify/notice-text';

const notice: DesktopNotice = {
  title: 'Acme · Portal: token expires tomorrow',
  body: 'This token cannot renew itself.',
  connectionId: 'c1',
  count: 1,
};

function setUp(openWindows: number, outcome: { desktop: boolean; click?: boolean }) {
  const sent: PageNoticeEvent[] = [];
  const page = new PageNotices();
  page.connect((event) => {
    sent.push(event);
    return openWindows;
  });
  const notifier = new BrowserHostNotifier({
    page,
    show: (_notice, report) => {
      report.shown(outcome.desktop);
      if (outcome.click) report.clicked();
    },
  });
  return { sent, page, notifier };
}

describe('the browser host tells its window about desktop notifications', () => {
  it('sends each notice to the open windows, saying whether the desktop showed it', () => {
    const { sent, page, notifier } = setUp(1, { desktop: false });
    notifier.deliver(notice);
    expect(sent).toEqual([{ type: 'notice', ...notice, desktop: false }]);
    // A window saw it: the next one to connect does not jump to the connection.
    expect(page.takeFocus()).toBeNull();
  });

  it('opens the connection of a notice no window saw in the next window that connects, once', () => {
    const { page, notifier } = setUp(0, { desktop: true });
    notifier.deliver(notice);
    expect(page.takeFocus()).toBe('c1');
    expect(page.takeFocus()).toBeNull();
  });

  it('focuses the connection in the open window where the platform reports a click', () => {
    const { sent, notifier } = setUp(1, { desktop: true, click: true });
    notifier.deliver(notice);
    expect(sent.at(-1)).toEqual({ type: 'focusConnection', connectionId: 'c1' });
  });
});
