import { describe, expect, it } from 'vitest';
import type { TokenRecord } from '../../../main/core/domain';
import { ConnectionSchema } from '../../../main/core/domain/connection';
import { PartnerSchema } from '../../../main/core/domain/partner';
import { ConnectionStateSchema } from '../../../main/core/domain/state';
import { connectionStatus } from '../../../main/core/view/connection-status';
import { connectionDetails } from '../../../main/core/view/snapshot';
import type { LookupSources } from '../../../main/core/view/view-sources';
import { viewContextAt } from '../../support/view-context';

const NOW = Date.UTC(2026, 0, 15, 9, 0, 0);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const partner = PartnerSchema.parse({ id: 'p1', name: 'Acme', createdAt: NOW - DAY });

function connection(dialect: 'oauth2' | 'manual' = 'oauth2', reminderDays = [14, 3]) {
  return ConnectionSchema.parse({
    id: 'c1',
    partnerId: 'p1',
    label: 'Orders',
    dialect,
    ...(dialect === 'oauth2' && { endpoint: 'https://partner.example/token' }),
    settings: dialect === 'oauth2' ? { clientId: 'client' } : {},
    policy: { reminderDays },
    createdAt: NOW - DAY,
  });
}

function token(issuedAgoMs: number, expiresInMs: number | null): TokenRecord {
  return {
    id: 't1',
    connectionId: 'c1',
    kind: 'access',
    status: 'active',
    issuedAt: NOW - issuedAgoMs,
    expiresAt: expiresInMs === null ? null : NOW + expiresInMs,
    fingerprint: 'abcdef012345',
  };
}

function statusOf(options: {
  dialect?: 'oauth2' | 'manual';
  token: TokenRecord;
  nextRenewalInMs?: number | null;
  state?: Record<string, unknown>;
}) {
  return connectionStatus({
    connection: connection(options.dialect),
    partner,
    state: ConnectionStateSchema.parse({ connectionId: 'c1', ...options.state }),
    token: options.token,
    renewing: false,
    renewalsPaused: false,
    nextRenewalAt:
      options.nextRenewalInMs === undefined || options.nextRenewalInMs === null
        ? (options.nextRenewalInMs ?? null)
        : NOW + options.nextRenewalInMs,
    now: NOW,
  });
}

describe('"expiring soon" means a token is at risk', () => {
  it('calls a four-minute token renewed on plan healthy, a minute before it expires', () => {
    expect(statusOf({ token: token(3 * MINUTE, MINUTE), nextRenewalInMs: 20_000 })).toBe('healthy');
  });

  it('calls a renewing token expiring soon when its renewal is planned only after it expires', () => {
    expect(statusOf({ token: token(3 * MINUTE, MINUTE), nextRenewalInMs: 2 * MINUTE })).toBe('expiringSoon');
  });

  it('calls a renewing token expiring soon when no renewal is planned at all', () => {
    expect(statusOf({ token: token(DAY, 30 * DAY), nextRenewalInMs: null })).toBe('expiringSoon');
  });

  it('calls a renewing token expiring soon when its planned renewal is overdue', () => {
    expect(statusOf({ token: token(DAY, 10 * MINUTE), nextRenewalInMs: -5 * MINUTE })).toBe('expiringSoon');
  });

  it('calls a renewing token expiring soon when its last renewal failed', () => {
    expect(statusOf({ token: token(DAY, 30 * DAY), nextRenewalInMs: DAY, state: { attempt: 1 } })).toBe(
      'expiringSoon',
    );
  });

  it('calls a renewing token expiring soon when the refresh token dies before the planned renewal', () => {
    const state = { refreshExpiresAt: NOW + 2 * MINUTE };
    expect(statusOf({ token: token(DAY, DAY), nextRenewalInMs: 5 * MINUTE, state })).toBe('expiringSoon');
    expect(statusOf({ token: token(DAY, DAY), nextRenewalInMs: MINUTE, state })).toBe('healthy');
  });

  it('calls a long-lived token renewed on plan healthy, and one of unknown lifetime too', () => {
    expect(statusOf({ token: token(DAY, 89 * DAY), nextRenewalInMs: 50 * DAY })).toBe('healthy');
    expect(statusOf({ token: token(DAY, null), nextRenewalInMs: DAY })).toBe('healthy');
  });

  it('calls a manual token expiring soon inside its first reminder window only', () => {
    expect(statusOf({ dialect: 'manual', token: token(DAY, 13 * DAY) })).toBe('expiringSoon');
    expect(statusOf({ dialect: 'manual', token: token(DAY, 15 * DAY) })).toBe('healthy');
    expect(statusOf({ dialect: 'manual', token: token(DAY, 4 * MINUTE) })).toBe('expiringSoon');
  });

  it('calls a renewing token expiring soon when the expiry its partner sent could not be read', () => {
    const unreadable = {
      ...token(DAY, null),
      expiryUnreadable: 'expires_in held a string that is neither a number nor a date',
    };
    expect(statusOf({ token: unreadable, nextRenewalInMs: 30 * MINUTE })).toBe('expiringSoon');
  });

  it('says retrying, not expiring soon, while a failed renewal is being tried again', () => {
    const state = { phase: 'retrying', attempt: 2, nextAttemptAt: NOW + MINUTE };
    expect(statusOf({ token: token(DAY, MINUTE), nextRenewalInMs: MINUTE, state })).toBe('retrying');
  });
});

describe('the warning about an expiry that could not be read', () => {
  it("names the field and the value's shape on the connection, and nothing when the expiry was read", () => {
    const conn = connection();
    const sourcesWith = (current: TokenRecord): LookupSources => ({
      partners: [partner],
      connectionsOf: () => [conn],
      connection: () => conn,
      partner: () => partner,
      state: () => ConnectionStateSchema.parse({ connectionId: 'c1' }),
      tokensOf: () => [current],
      isRenewing: () => false,
      isWaitingOnStorage: () => false,
      dueAt: () => NOW + 30 * MINUTE,
    });
    const context = viewContextAt(NOW);
    const unreadable = { ...token(DAY, null), expiryUnreadable: 'data.expires_at held an object' };

    const warned = connectionDetails('c1', sourcesWith(unreadable), context);
    const read = connectionDetails('c1', sourcesWith(token(DAY, DAY)), context);

    expect(warned?.status).toBe('expiringSoon');
    expect(warned?.expiryWarning).toMatch(/cannot read \(data\.expires_at held an object\)/);
    expect(read?.status).toBe('healthy');
    expect(read?.expiryWarning).toBeNull();
  });
});
