import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../main/core/notify/notice-text';
import { mergeAlert, noticeFor } from '../../../main/core/notify/notice-text';
import { DAY, MINUTE, NOW } from '../electron/snapshot-fixture';

const HOUR = 60 * MINUTE;

const reminder = (connectionId: string, label: string, days: number): Alert => ({
  kind: 'reminder',
  connectionId,
  label,
  days,
  expiresAt: NOW + days * DAY,
});
const needsAction = (connectionId: string, label: string): Alert => ({
  kind: 'needsAction',
  connectionId,
  label,
});

describe('notification text', () => {
  it('tells about one manual token by name, how soon it expires and what to do', () => {
    expect(noticeFor([reminder('c1', 'Acme · Portal', 7)])).toEqual({
      title: 'Acme · Portal: token expires in 7 days',
      body: "This token cannot renew itself. Get a new one from the partner's portal and paste it in TokenTray.",
      connectionId: 'c1',
      count: 1,
    });
    expect(noticeFor([reminder('c1', 'Acme · Portal', 1)])?.title).toBe(
      'Acme · Portal: token expires tomorrow',
    );
    expect(noticeFor([reminder('c1', 'Acme · Portal', 0)])?.title).toBe('Acme · Portal: token expires today');
  });

  it('tells about one connection that needs action', () => {
    expect(noticeFor([needsAction('c2', 'Beta · Live')])).toMatchObject({
      title: 'Beta · Live needs action',
      connectionId: 'c2',
    });
  });

  it('sums several up in one notification that opens the most urgent connection', () => {
    const notice = noticeFor([
      reminder('c1', 'Acme · Portal', 14),
      reminder('c2', 'Beta · Portal', 3),
      needsAction('c3', 'Gamma · Live'),
      reminder('c4', 'Delta · Portal', 30),
      reminder('c5', 'Eps · Portal', 7),
    ]);
    expect(notice).toEqual({
      title: '5 connections need your attention',
      body: '1 needs action, 4 tokens expire soon: Gamma · Live, Beta · Portal, Eps · Portal and 2 more.',
      connectionId: 'c3',
      count: 5,
    });
  });

  it('says nothing for no alerts', () => {
    expect(noticeFor([])).toBeNull();
  });

  it('keeps one alert per connection, the more urgent one', () => {
    let waiting = mergeAlert([], reminder('c1', 'Acme · Portal', 7));
    waiting = mergeAlert(waiting, reminder('c1', 'Acme · Portal', 14));
    expect(waiting).toEqual([reminder('c1', 'Acme · Portal', 7)]);
    waiting = mergeAlert(waiting, needsAction('c1', 'Acme · Portal'));
    expect(waiting).toEqual([needsAction('c1', 'Acme · Portal')]);
  });
});

describe('a reminder delivered late', () => {
  it('says how long the token has left when it is shown, not when its milestone came', () => {
    expect(noticeFor([reminder('c1', 'Acme · Portal', 3)], NOW + 5_000)?.title).toBe(
      'Acme · Portal: token expires in 3 days',
    );
    const at = (left: number) => noticeFor([reminder('c1', 'Acme · Portal', 7)], NOW + 7 * DAY - left)?.title;
    expect(at(7 * DAY)).toBe('Acme · Portal: token expires in 7 days');
    expect(at(2.5 * DAY)).toBe('Acme · Portal: token expires in 2 days');
    expect(at(DAY + 1)).toBe('Acme · Portal: token expires in 1 day');
    expect(at(12 * HOUR)).toBe('Acme · Portal: token expires in 12 hours');
    expect(at(HOUR)).toBe('Acme · Portal: token expires in 1 hour');
    expect(at(20 * MINUTE)).toBe('Acme · Portal: token expires within the hour');
    expect(at(0)).toBe('Acme · Portal: token has expired');
  });
});
