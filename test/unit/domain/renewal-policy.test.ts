import { describe, expect, it } from 'vitest';
import { ConnectionSchema } from '../../../main/core/domain/connection';
import { SettingsSchema } from '../../../main/core/domain/settings';

const HOUR = 60 * 60_000;

/** A connection as a profile saved before the unknown-lifetime interval existed holds it. */
const SAVED_BEFORE = {
  id: 'c1',
  createdAt: 1_700_000_000_000,
  partnerId: 'p1',
  label: 'Orders',
  dialect: 'oauth2',
  endpoint: 'https://partner.example/token',
  settings: { clientId: 'client', authMethod: 'basic', bodyShape: 'flat' },
  policy: { renewAtShare: 0.5, leadTimeMs: 600_000, jitterMs: 10_000, reminderDays: [7] },
  enabled: true,
};

describe('the renewal interval for tokens of unknown lifetime', () => {
  it('loads a connection saved before it existed, renewing such tokens hourly and keeping its own policy', () => {
    const connection = ConnectionSchema.parse(SAVED_BEFORE);
    expect(connection.policy).toEqual({ ...SAVED_BEFORE.policy, unknownLifetimeIntervalMs: HOUR });
  });

  it('loads settings saved before it existed, with an hour as the default for new connections', () => {
    const settings = SettingsSchema.parse({
      renewalPolicy: { renewAtShare: 0.5, leadTimeMs: 600_000, jitterMs: 10_000, reminderDays: [7] },
    });
    expect(settings.renewalPolicy.unknownLifetimeIntervalMs).toBe(HOUR);
    expect(SettingsSchema.parse({}).renewalPolicy.unknownLifetimeIntervalMs).toBe(HOUR);
  });

  it('refuses an interval under a minute, which would hammer the partner', () => {
    const policy = { ...SAVED_BEFORE.policy, unknownLifetimeIntervalMs: 5_000 };
    const parsed = ConnectionSchema.safeParse({ ...SAVED_BEFORE, policy });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['policy', 'unknownLifetimeIntervalMs']);
  });
});
