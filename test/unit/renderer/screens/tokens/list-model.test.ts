import { describe, expect, it } from 'vitest';
import type { ConnectionBrief, ConnectionStatus, PartnerBrief } from '../../../../../renderer/api/types';
import { buildList, NO_FILTER } from '../../../../../renderer/screens/tokens/list-model';

const NOW = 1_800_000_000_000;

function connection(
  id: string,
  status: ConnectionStatus,
  expiresIn: number | null,
  extra: Partial<ConnectionBrief> = {},
): ConnectionBrief {
  return {
    id,
    label: `Connection ${id}`,
    dialect: 'oauth2',
    status,
    token: {
      status: 'active',
      expiresAt: expiresIn === null ? null : NOW + expiresIn,
      fingerprint: `fp${id.padStart(10, '0')}`,
    },
    stillValidToken: null,
    previousFingerprints: [],
    scope: null,
    nextRenewalAt: null,
    nextAttemptAt: null,
    waitingOnStorage: false,
    hasRevocationUrl: false,
    ...extra,
  };
}

function partner(id: string, name: string, connections: ConnectionBrief[]): PartnerBrief {
  return {
    id,
    name,
    contactEmail: '',
    notes: '',
    status: 'active',
    createdAt: NOW,
    connections,
    worstStatus: 'healthy',
  };
}

const keys = (partners: PartnerBrief[], filter = NO_FILTER) =>
  buildList(partners, filter).map((item) => item.key);

describe('the token list', () => {
  it('puts what needs a person first: needs action, retrying, expiring soon, renewing, paused, healthy', () => {
    const partners = [
      partner('a', 'Acme', [
        connection('1', 'healthy', 1000),
        connection('2', 'paused', 1000),
        connection('3', 'renewing', 1000),
        connection('4', 'expiringSoon', 1000),
        connection('5', 'retrying', 1000),
        connection('6', 'needsAction', 1000),
      ]),
    ];
    expect(keys(partners)).toEqual(['p:a', 'c:6', 'c:5', 'c:4', 'c:3', 'c:2', 'c:1']);
  });

  it('orders equally urgent connections by the soonest expiry, unknown lifetimes last', () => {
    const partners = [
      partner('a', 'Acme', [
        connection('late', 'healthy', 9000),
        connection('unknown', 'healthy', null),
        connection('soon', 'healthy', 10),
      ]),
    ];
    expect(keys(partners)).toEqual(['p:a', 'c:soon', 'c:late', 'c:unknown']);
  });

  it('shows the partner with the most urgent connection first', () => {
    const partners = [
      partner('calm', 'Calm Co', [connection('1', 'healthy', 10)]),
      partner('busy', 'Busy Co', [connection('2', 'needsAction', 99_999)]),
    ];
    expect(keys(partners)).toEqual(['p:busy', 'c:2', 'p:calm', 'c:1']);
  });

  it('finds connections by partner name, label, fingerprint, an earlier fingerprint or scope, all words at once', () => {
    const partners = [
      partner('a', 'Acme Payments', [
        connection('1', 'healthy', 10, { label: 'Orders API' }),
        connection('2', 'healthy', 10, { label: 'Refunds', scope: 'refunds:write' }),
      ]),
      partner('g', 'Globex', [
        connection('3', 'healthy', 10, { label: 'Tracking', previousFingerprints: ['0ld0ld0ld0ld'] }),
      ]),
    ];
    expect(keys(partners, { ...NO_FILTER, query: 'acme orders' })).toEqual(['p:a', 'c:1']);
    expect(keys(partners, { ...NO_FILTER, query: 'REFUNDS:WRITE' })).toEqual(['p:a', 'c:2']);
    expect(keys(partners, { ...NO_FILTER, query: 'fp0000000003' })).toEqual(['p:g', 'c:3']);
    expect(keys(partners, { ...NO_FILTER, query: '0ld0ld' })).toEqual(['p:g', 'c:3']);
    expect(keys(partners, { ...NO_FILTER, query: 'globex' })).toEqual(['p:g', 'c:3']);
  });

  it('filters by status and by dialect', () => {
    const partners = [
      partner('a', 'Acme', [
        connection('1', 'needsAction', 10),
        connection('2', 'healthy', 10, { dialect: 'manual' }),
      ]),
    ];
    expect(keys(partners, { ...NO_FILTER, status: 'needsAction' })).toEqual(['p:a', 'c:1']);
    expect(keys(partners, { ...NO_FILTER, dialect: 'manual' })).toEqual(['p:a', 'c:2']);
    expect(keys(partners, { ...NO_FILTER, status: 'paused' })).toEqual([]);
  });

  it('keeps a partner without connections findable, unless a status or dialect filter is on', () => {
    const partners = [partner('new', 'Newcomer Ltd', [])];
    expect(keys(partners)).toEqual(['p:new']);
    expect(keys(partners, { ...NO_FILTER, query: 'newcomer' })).toEqual(['p:new']);
    expect(keys(partners, { ...NO_FILTER, status: 'healthy' })).toEqual([]);
  });

  // How fast this is is measured by `npm run bench` (window), never by a timed assertion here.
  it('builds ten thousand rows and filters them by a query', () => {
    const partners = Array.from({ length: 500 }, (_, p) =>
      partner(
        `p${p}`,
        `Partner ${p}`,
        Array.from({ length: 20 }, (_, c) => connection(`${p}-${c}`, 'healthy', c * 1000)),
      ),
    );
    const items = buildList(partners, { ...NO_FILTER, query: 'partner 12' });
    const all = buildList(partners, NO_FILTER);
    expect(all).toHaveLength(500 * 21);
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThan(all.length);
  });
});
