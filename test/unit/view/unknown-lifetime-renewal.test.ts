import { describe, expect, it } from 'vitest';
import type { Connection } from '../../../main/core/domain';
import { unknownLifetimeRenewal } from '../../../main/core/view/connection-status';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function connection(intervalMs: number, dialect: Connection['dialect'] = 'oauth2') {
  return {
    dialect,
    policy: {
      renewAtShare: 2 / 3,
      leadTimeMs: 5 * MINUTE,
      jitterMs: 30_000,
      reminderDays: [30],
      unknownLifetimeIntervalMs: intervalMs,
    },
  };
}

describe('what the window says about a token of unknown lifetime', () => {
  it('says how often it is renewed and why', () => {
    const unknown = { expiresAt: null };
    expect(unknownLifetimeRenewal(connection(HOUR), unknown)).toBe(
      'Renewed every hour because its lifetime is unknown.',
    );
    expect(unknownLifetimeRenewal(connection(90 * MINUTE), unknown)).toBe(
      'Renewed every 90 minutes because its lifetime is unknown.',
    );
    expect(unknownLifetimeRenewal(connection(2 * 24 * HOUR), unknown)).toMatch(/^Renewed every 2 days /);
    expect(unknownLifetimeRenewal(connection(6 * HOUR), unknown)).toMatch(/^Renewed every 6 hours /);
  });

  it('says nothing when the lifetime is known, there is no token, or the token is pasted by hand', () => {
    expect(unknownLifetimeRenewal(connection(HOUR), { expiresAt: Date.now() + HOUR })).toBeNull();
    expect(unknownLifetimeRenewal(connection(HOUR), null)).toBeNull();
    expect(unknownLifetimeRenewal(connection(HOUR, 'manual'), { expiresAt: null })).toBeNull();
  });
});
