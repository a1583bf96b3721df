import { describe, expect, it } from 'vitest';
import type { ConnectionBrief, ConnectionStatus, PartnerBrief } from '../../../../../renderer/api/types';
import type { ListView } from '../../../../../renderer/screens/tokens/list-model';
import {
  buildList,
  keepOrder,
  NO_FILTER,
  sameOrder,
} from '../../../../../renderer/screens/tokens/list-model';

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

const keys = (partners: PartnerBrief[], filter = NO_FILTER, view?: ListView) =>
  buildList(partners, filter, view).map((item) => item.key);

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

describe('the order the person chooses', () => {
  const partners = () => [
    partner('z', 'Zeta Freight', [
      connection('zb', 'healthy', 500, { label: 'Bravo' }),
      connection('za', 'needsAction', 9000, { label: 'Alpha' }),
    ]),
    partner('a', 'Acme', [
      connection('ac', 'healthy', 100, { label: 'Charlie' }),
      connection('ad', 'expiringSoon', 50_000, { label: 'Delta' }),
    ]),
  ];

  it('by urgency, grouped: the partner with the most urgent connection first, its worst status on its row', () => {
    const items = buildList(partners(), NO_FILTER, { sort: 'urgency', grouped: true });
    expect(items.map((item) => item.key)).toEqual(['p:z', 'c:za', 'c:zb', 'p:a', 'c:ad', 'c:ac']);
    expect(items[0]).toMatchObject({ kind: 'partner', worst: 'needsAction' });
  });

  it('by expiry: the soonest expiry first, whatever the status', () => {
    expect(keys(partners(), NO_FILTER, { sort: 'expiry', grouped: false })).toEqual([
      'c:ac',
      'c:zb',
      'c:za',
      'c:ad',
    ]);
    expect(keys(partners(), NO_FILTER, { sort: 'expiry', grouped: true })).toEqual([
      'p:a',
      'c:ac',
      'c:ad',
      'p:z',
      'c:zb',
      'c:za',
    ]);
  });

  it("by partner: partners alphabetically, each one's connections by urgency", () => {
    expect(keys(partners(), NO_FILTER, { sort: 'partner', grouped: true })).toEqual([
      'p:a',
      'c:ad',
      'c:ac',
      'p:z',
      'c:za',
      'c:zb',
    ]);
    expect(keys(partners(), NO_FILTER, { sort: 'partner', grouped: false })).toEqual([
      'c:ad',
      'c:ac',
      'c:za',
      'c:zb',
    ]);
  });

  it('by name: connections by label; flat, no partner rows at all', () => {
    const items = buildList(partners(), NO_FILTER, { sort: 'name', grouped: false });
    expect(items.map((item) => item.key)).toEqual(['c:za', 'c:zb', 'c:ac', 'c:ad']);
    expect(items.every((item) => item.kind === 'connection')).toBe(true);
  });

  it('the flat view leaves out a partner without connections', () => {
    expect(keys([partner('new', 'Newcomer', [])], NO_FILTER, { sort: 'urgency', grouped: false })).toEqual(
      [],
    );
  });
});

describe('an order that holds while the person is on the list', () => {
  it('keeps the rows where they were after a renewal changed the fresh order', () => {
    const before = buildList(
      [partner('a', 'Acme', [connection('1', 'expiringSoon', 10), connection('2', 'healthy', 20)])],
      NO_FILTER,
    );
    // Connection 1 renewed: now healthy with a long life, so a fresh sort puts it last.
    const fresh = buildList(
      [partner('a', 'Acme', [connection('1', 'healthy', 99_999), connection('2', 'healthy', 20)])],
      NO_FILTER,
    );
    expect(fresh.map((item) => item.key)).toEqual(['p:a', 'c:2', 'c:1']);
    const held = keepOrder(
      before.map((item) => item.key),
      fresh,
    );
    expect(held.map((item) => item.key)).toEqual(['p:a', 'c:1', 'c:2']);
    expect(sameOrder(held, fresh)).toBe(false);
    // The rows carry the fresh data: the renewed connection shows its new status in its old place.
    expect(held[1]).toMatchObject({ kind: 'connection', connection: { status: 'healthy' } });
  });

  it('drops rows that are gone and puts a new row after the row it follows in the fresh order', () => {
    const fresh = buildList(
      [
        partner('a', 'Acme', [connection('1', 'healthy', 10), connection('new', 'healthy', 15)]),
        partner('b', 'Bolt', [connection('3', 'healthy', 30)]),
      ],
      NO_FILTER,
    );
    const held = keepOrder(['p:b', 'c:3', 'p:a', 'c:gone', 'c:1'], fresh);
    expect(held.map((item) => item.key)).toEqual(['p:b', 'c:3', 'p:a', 'c:1', 'c:new']);
  });

  it('puts new rows at the start when they come first in the fresh order', () => {
    const fresh = buildList(
      [
        partner('n', 'Aaron', [connection('n1', 'needsAction', 1)]),
        partner('a', 'Acme', [connection('1', 'healthy', 10)]),
      ],
      NO_FILTER,
    );
    expect(keepOrder(['p:a', 'c:1'], fresh).map((item) => item.key)).toEqual(['p:n', 'c:n1', 'p:a', 'c:1']);
  });

  it('is the fresh order itself when nothing was shown before', () => {
    const fresh = buildList([partner('a', 'Acme', [connection('1', 'healthy', 10)])], NO_FILTER);
    expect(sameOrder(keepOrder([], fresh), fresh)).toBe(true);
  });
});
