import { describe, expect, it } from 'vitest';
import type { Connection, ConnectionState, Partner, TokenRecord } from '../../../main/core/domain';
import { ConnectionSchema } from '../../../main/core/domain/connection';
import { PartnerSchema } from '../../../main/core/domain/partner';
import { ConnectionStateSchema } from '../../../main/core/domain/state';
import { buildListSnapshot } from '../../../main/core/view/list-snapshot';
import { buildSnapshot, connectionDetails } from '../../../main/core/view/snapshot';
import type { LookupSources } from '../../../main/core/view/view-sources';
import { viewContextAt } from '../../support/view-context';

const NOW = Date.UTC(2025, 0, 15, 9, 0, 0);
const DAY = 24 * 60 * 60_000;

interface Profile {
  partners: Partner[];
  connections: Connection[];
  states: Map<string, ConnectionState>;
  /** Newest first, per connection. */
  tokens: Map<string, TokenRecord[]>;
}

function token(connectionId: string, n: number, status: TokenRecord['status'], expiresInMs: number | null) {
  return {
    id: `${connectionId}-t${n}`,
    connectionId,
    kind: 'access' as const,
    status,
    issuedAt: NOW - (10 - n) * DAY,
    expiresAt: expiresInMs === null ? null : NOW + expiresInMs,
    fingerprint: `${connectionId}-fp${n}`.padEnd(12, '0').slice(-12),
  };
}

/** Two partners: a healthy OAuth connection, a manual one just replaced, one retrying, one without a token. */
function profile(): Profile {
  const partners = ['Acme', 'Globex'].map((name, i) =>
    PartnerSchema.parse({ id: `p${i}`, name, createdAt: NOW - DAY }),
  );
  const connection = (id: string, partnerId: string, extra: Record<string, unknown> = {}) =>
    ConnectionSchema.parse({
      id,
      partnerId,
      label: `Connection ${id}`,
      dialect: 'oauth2',
      endpoint: 'https://partner.example/token',
      settings: { clientId: 'client', scope: 'read' },
      createdAt: NOW - DAY,
      ...extra,
    });
  const connections = [
    connection('c1', 'p0', { revocationUrl: 'https://partner.example/revoke' }),
    connection('c2', 'p0', { dialect: 'manual', endpoint: undefined, settings: {} }),
    connection('c3', 'p1'),
    connection('c4', 'p1'),
  ];
  const states = new Map(
    connections.map((c) => [
      c.id,
      ConnectionStateSchema.parse(
        c.id === 'c3'
          ? { connectionId: c.id, phase: 'retrying', nextAttemptAt: NOW + 60_000, lastError: 'HTTP 503' }
          : { connectionId: c.id },
      ),
    ]),
  );
  const tokens = new Map<string, TokenRecord[]>([
    ['c1', [token('c1', 2, 'active', 30 * DAY), token('c1', 1, 'renewed', DAY)]],
    // manual: the pasted token is New, the one it replaced still works until its expiry.
    [
      'c2',
      [token('c2', 3, 'new', 300 * DAY), token('c2', 2, 'renewed', 5 * DAY), token('c2', 1, 'renewed', -DAY)],
    ],
    ['c3', [token('c3', 1, 'active', 2 * DAY)]],
  ]);
  return { partners, connections, states, tokens };
}

function sourcesOf(data: Profile): LookupSources {
  return {
    partners: data.partners,
    connectionsOf: (partnerId) => data.connections.filter((c) => c.partnerId === partnerId),
    connection: (id) => data.connections.find((c) => c.id === id),
    partner: (id) => data.partners.find((p) => p.id === id),
    state: (id) => data.states.get(id)!,
    tokensOf: (id) => data.tokens.get(id) ?? [],
    isRenewing: () => false,
    isWaitingOnStorage: () => false,
    dueAt: (id) => (id === 'c1' ? NOW + 20 * DAY : undefined),
  };
}

const context = viewContextAt(NOW);

describe('the list snapshot', () => {
  it('says what the full snapshot says about every status, count and the next expiry', () => {
    const sources = sourcesOf(profile());
    const list = buildListSnapshot(sources, context);
    const full = buildSnapshot(sources, context);

    expect(list.summary).toEqual(full.summary);
    expect(list.summary.counts).toMatchObject({ healthy: 2, retrying: 1, needsAction: 1 });
    const rows = list.partners.map((p) => [p.id, p.worstStatus, p.connections.map((c) => [c.id, c.status])]);
    const views = full.partners.map((p) => [p.id, p.worstStatus, p.connections.map((c) => [c.id, c.status])]);
    expect(rows).toEqual(views);
  });

  it('carries what a row shows: the token, the next renewal or retry, the scope and whether revoking asks the partner', () => {
    const list = buildListSnapshot(sourcesOf(profile()), context);
    const [c1, c2] = list.partners[0]!.connections;
    const [c3, c4] = list.partners[1]!.connections;

    expect(c1).toEqual({
      id: 'c1',
      label: 'Connection c1',
      dialect: 'oauth2',
      status: 'healthy',
      token: { fingerprint: 'c1-fp2'.padEnd(12, '0'), status: 'active', expiresAt: NOW + 30 * DAY },
      stillValidToken: null,
      previousFingerprints: ['c1-fp1'.padEnd(12, '0')],
      scope: 'read',
      nextRenewalAt: NOW + 20 * DAY,
      nextAttemptAt: null,
      waitingOnStorage: false,
      hasRevocationUrl: true,
    });
    expect(c3).toMatchObject({ status: 'retrying', nextAttemptAt: NOW + 60_000, hasRevocationUrl: false });
    expect(c4).toMatchObject({ status: 'needsAction', token: null, previousFingerprints: [] });
    expect(c2?.nextRenewalAt).toBeNull();
  });

  it("shows beside a manual connection's new token the replaced one that still works, never an expired one", () => {
    const list = buildListSnapshot(sourcesOf(profile()), context);
    const manual = list.partners[0]!.connections[1]!;

    expect(manual.token).toMatchObject({ status: 'new' });
    expect(manual.stillValidToken).toEqual({
      fingerprint: 'c2-fp2'.padEnd(12, '0'),
      status: 'renewed',
      expiresAt: NOW + 5 * DAY,
    });
    // An OAuth connection's earlier token is no row's business, even when it is marked renewed.
    expect(list.partners[0]!.connections[0]!.stillValidToken).toBeNull();
    const later = buildListSnapshot(sourcesOf(profile()), { ...context, now: NOW + 6 * DAY });
    expect(later.partners[0]!.connections[1]!.stillValidToken).toBeNull();
  });

  it('leaves the details to one connection at a time, which match the full snapshot', () => {
    const sources = sourcesOf(profile());
    const full = buildSnapshot(sources, context);

    expect(connectionDetails('c2', sources, context)).toEqual(full.partners[0]!.connections[1]);
    expect(connectionDetails('c3', sources, context)?.lastError).toBe('HTTP 503');
    expect(connectionDetails('missing', sources, context)).toBeNull();
  });

  it('sends a fraction of the full snapshot for ten thousand connections', () => {
    const data = profile();
    const template = data.connections[0]!;
    for (let i = 0; i < 10_000; i++) {
      const id = `bulk-${i}`;
      data.connections.push({ ...template, id, partnerId: `p${i % 2}`, label: `Bulk ${i}` });
      data.states.set(id, ConnectionStateSchema.parse({ connectionId: id }));
      data.tokens.set(id, [token(id, 2, 'active', 30 * DAY), token(id, 1, 'renewed', DAY)]);
    }
    const sources = sourcesOf(data);
    const listBytes = JSON.stringify(buildListSnapshot(sources, context)).length;
    const fullBytes = JSON.stringify(buildSnapshot(sources, context)).length;

    expect(listBytes / 10_000).toBeLessThan(400);
    expect(listBytes).toBeLessThan(fullBytes / 2.5);
  });
});
