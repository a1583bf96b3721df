import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListSnapshot } from '../../../main/core/api/api-contract';
import { SIM_DIALECTS } from '../../simulator/simulator';
import { FakeClock } from '../../support/fake-clock';
import { startCoreHarness } from '../../support/core-harness';
import { profileText } from '../../support/profile-on-disk';
import type { CoreHarness } from '../../support/core-harness';
import { apiClient } from './api-client';
import type { ApiClient } from './api-client';

let source: CoreHarness;
let target: CoreHarness;
let api: ApiClient;
let targetApi: ApiClient;
/** Every secret the source profile ever held, to search the export for. */
const secrets: string[] = [];

beforeAll(async () => {
  source = await startCoreHarness({ clock: new FakeClock(Date.now()) });
  target = await startCoreHarness({ clock: new FakeClock(Date.now()) });
  api = apiClient(source.core);
  targetApi = apiClient(target.core);
  for (const dialect of SIM_DIALECTS) {
    const { provisioned, connection } = await source.connect(dialect);
    secrets.push(provisioned.accessToken, provisioned.refreshToken ?? '', provisioned.clientSecret ?? '');
    if (dialect !== 'manual') await api.call('renewNow', connection.id);
    for (const kind of ['accessToken', 'refreshToken', 'previousRefreshToken'] as const) {
      secrets.push((await source.vault.get(connection.id, kind)) ?? '');
    }
  }
});

afterAll(async () => {
  await source.close();
  await target.close();
});

const connectionsOf = (snapshot: ListSnapshot) => snapshot.partners.flatMap((p) => p.connections);

describe('export and import', () => {
  it('exports partners and connections without a secret, a token or a fingerprint', async () => {
    const file = await api.call('exportData');
    const snapshot = await api.call('getSnapshot');
    const fingerprints = connectionsOf(snapshot).flatMap((c) => [
      c.token?.fingerprint,
      ...c.previousFingerprints,
    ]);
    const parsed = JSON.parse(file.contents) as Record<string, unknown>;

    expect(file.fileName).toMatch(/^tokentray-export-\d{4}-\d\d-\d\d\.json$/);
    expect(Object.keys(parsed)).toEqual(['format', 'version', 'exportedAt', 'partners', 'connections']);
    expect(parsed).toMatchObject({ format: 'tokentray-export', version: 1 });
    expect((parsed.connections as unknown[]).length).toBe(SIM_DIALECTS.length);
    const leaked = [...secrets, ...fingerprints].filter((value) => value && file.contents.includes(value));
    expect(leaked.length).toBe(0);
    expect(file.contents).not.toMatch(/"(tokens|states|secrets|refreshToken|clientSecret|accessToken)"/);
  });

  it('imports the export into another profile, where every connection asks for its credentials', async () => {
    const file = await api.call('exportData');
    const result = await targetApi.call('importData', file.contents);
    const imported = connectionsOf(await targetApi.call('getSnapshot'));
    const original = connectionsOf(await api.call('getSnapshot'));

    expect(result).toEqual({
      partnersAdded: 5,
      connectionsAdded: 5,
      connectionsRestored: 0,
      needCredentials: 5,
      skipped: [],
    });
    expect(imported.map((c) => c.label).sort()).toEqual(original.map((c) => c.label).sort());
    expect(imported.every((c) => c.status === 'needsAction' && c.token === null)).toBe(true);
    const details = await targetApi.call('getConnection', imported[0]!.id);
    expect(details.followUp?.message).toContain('enter its credentials');
    expect(imported.some((c) => original.some((o) => o.id === c.id))).toBe(false);
    expect(await target.vault.listAccounts()).toEqual([]);
  });

  it('importing a file again adds nothing twice: partners match by name, same-named connections are skipped', async () => {
    const file = await api.call('exportData');
    const before = connectionsOf(await api.call('getSnapshot')).length;
    const partnersBefore = (await api.call('getSnapshot')).partners.length;
    const result = await api.call('importData', file.contents);

    expect(result).toMatchObject({ partnersAdded: 0, connectionsAdded: 0, needCredentials: 0 });
    expect(result.skipped).toHaveLength(5);
    expect(result.skipped[0]?.reason).toMatch(/already has a connection named/);
    expect((await api.call('getSnapshot')).partners.length).toBe(partnersBefore);
    expect(connectionsOf(await api.call('getSnapshot')).length).toBe(before);
  });

  it.each([
    ['not JSON', '{"format": "tokentray-export", '],
    ['not an export', JSON.stringify({ hello: 'world' })],
    [
      'wrong types',
      JSON.stringify({ format: 'tokentray-export', version: 1, partners: 'all', connections: {} }),
    ],
    [
      'a newer version',
      JSON.stringify({ format: 'tokentray-export', version: 2, partners: [], connections: [] }),
    ],
    ['huge', `{"x": "${'a'.repeat(5_000_001)}"}`],
  ])('refuses a file that is %s and imports nothing', async (_what, contents) => {
    const before = await targetApi.call('getSnapshot');
    const answer = await targetApi.dispatch('importData', [contents]);
    const { at: _before, ...expected } = before;
    const { at: _after, ...after } = await targetApi.call('getSnapshot');

    expect(answer).toMatchObject({ ok: false, status: 400, error: { code: 'invalid_input' } });
    expect(after).toEqual(expected);
  });

  it('skips each invalid item with its reason and adds nothing from it', async () => {
    const good = { id: 'p1', name: 'Good Partner', contactEmail: 'ops@good.example' };
    const manual = { id: 'c1', partnerId: 'p1', label: 'Portal token', dialect: 'manual' };
    const oauth = { partnerId: 'p1', dialect: 'oauth2', settings: { clientId: 'client-1' } };
    const file = {
      format: 'tokentray-export',
      version: 1,
      exportedAt: new Date().toISOString(),
      partners: [
        good,
        { id: 'p2', name: 'Bad Mail', contactEmail: 'nope' },
        { ...good, name: 'Twin' },
        { id: 'p4', name: 42 },
      ],
      connections: [
        manual,
        { ...manual, id: 'c2', label: 'Smuggled', refreshToken: 'rt-smuggled-secret' },
        { ...oauth, id: 'c3', label: 'Soap', dialect: 'soap', endpoint: 'https://good.example/token' },
        { ...oauth, id: 'c4', label: 'Plain HTTP', endpoint: 'http://evil.example/token' },
        { ...oauth, id: 'c5', label: 'No URL', endpoint: 'not a url' },
        { ...oauth, id: 'c6', label: 'No client', endpoint: 'https://good.example/token', settings: {} },
        { ...manual, id: 'c7', label: 'Orphan', partnerId: 'p9' },
        { ...manual, label: 'Twin connection' },
        'just a string',
      ],
    };
    const result = await targetApi.call('importData', JSON.stringify(file));
    const snapshot = await targetApi.call('getSnapshot');
    await new Promise((resolve) => setImmediate(resolve));
    const stored = profileText(target.directory);

    expect(result).toMatchObject({ partnersAdded: 1, connectionsAdded: 2, needCredentials: 2 });
    expect(result.skipped.map((s) => s.item)).toEqual([
      'Partner 2 "Bad Mail"',
      'Partner 3 "Twin"',
      'Partner 4',
      'Connection 3 "Soap"',
      'Connection 4 "Plain HTTP"',
      'Connection 5 "No URL"',
      'Connection 6 "No client"',
      'Connection 7 "Orphan"',
      'Connection 8 "Twin connection"',
      'Connection 9',
    ]);
    expect(result.skipped[1]?.reason).toContain('same id');
    expect(result.skipped[3]?.reason).toMatch(/^dialect: /);
    expect(result.skipped[4]?.reason).toContain('https://');
    expect(result.skipped[6]?.reason).toBe('settings.clientId: Required for this dialect');
    const names = snapshot.partners.map((p) => p.name);
    expect(names).toContain('Good Partner');
    expect(names).not.toContain('Bad Mail');
    expect(connectionsOf(snapshot).map((c) => c.label)).not.toContain('Soap');
    expect(stored.includes('rt-smuggled-secret')).toBe(false);
    expect(await target.vault.listAccounts()).toEqual([]);
  });
});
