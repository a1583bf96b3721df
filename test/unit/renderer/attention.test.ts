import { describe, expect, it } from 'vitest';
import { attentionCount, faviconWith, titleWith } from '../../../renderer/presence/attention';
import { DAY, snapshotOf } from '../electron/snapshot-fixture';

describe('what the tab says about the connections', () => {
  it('counts those that need action or are at risk of expiring, not the healthy or renewing ones', () => {
    const snapshot = snapshotOf([
      { partner: 'Acme', label: 'Live', expiresInMs: 90 * DAY, dueInMs: 60 * DAY },
      { partner: 'Acme', label: 'Refused', expiresInMs: DAY, phase: 'needsAction' },
      { partner: 'Globex', label: 'Portal', dialect: 'manual', expiresInMs: 2 * DAY },
      { partner: 'Globex', label: 'Retrying', expiresInMs: 90 * DAY, phase: 'retrying' },
    ]);
    expect(attentionCount(snapshot)).toBe(2);
  });

  it('puts the count before the name in the title, and nothing when there is none', () => {
    expect(titleWith(2)).toBe('(2) TokenTray');
    expect(titleWith(0)).toBe('TokenTray');
  });

  it('draws the count on the icon, capped at 9+, and no badge at zero', () => {
    const svg = (count: number) =>
      decodeURIComponent(faviconWith(count).replace(/^data:image\/svg\+xml,/, ''));
    expect(svg(3)).toContain('>3</text>');
    expect(svg(42)).toContain('>9+</text>');
    expect(svg(0)).not.toContain('<text');
  });
});
