import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListSnapshot } from '../../../main/core/api/api-contract';
import type { TokenView } from '../../../main/core/view/snapshot';
import { SIM_DIALECTS } from '../../simulator/simulator';
import { FakeClock } from '../../support/fake-clock';
import { startCoreHarness } from '../../support/core-harness';
import { profileText } from '../../support/profile-on-disk';
import type { CoreHarness } from '../../support/core-harness';
import { apiClient } from './api-client';
import type { ApiClient } from './api-client';

const PASSPHRASE = 'moving day: correct horse battery';
const KINDS = ['clientSecret', 'refreshToken', 'accessToken', 'partnerToken'] as const;

let source: CoreHarness;
let target: CoreHarness;
let api: ApiClient;
let targetApi: ApiClient;
/** Every secret the source holds, by label and kind. */
const held = new Map<string, string>();
let backup: string;

const connectionsOf = (snapshot: ListSnapshot) => snapshot.partners.flatMap((p) => p.connections);

beforeAll(async () => {
  source = await startCoreHarness({ clock: new FakeClock(Date.now()) });
  target = await startCoreHarness({ clock: new FakeClock(Date.now()) });
  api = apiClient(source.core);
  targetApi = apiClient(target.core);
  for (const dialect of SIM_DIALECTS) {
    const { connection } = await source.connect(dialect);
    if (dialect !== 'manual') await api.call('renewNow', connection.id);
    for (const kind of KINDS) {
      const value = await source.vault.get(connection.id, kind);
      if (value !== null) held.set(`${connection.label}/${kind}`, value);
    }
  }
  backup = (await api.call('exportBackup', PASSPHRASE)).contents;
});

afterAll(async () => {
  await source.close();
  await target.close();
});

/** The target's snapshot without its time, to compare before and after a refused import. */
async function targetState() {
  const { at: _at, ...snapshot } = await targetApi.call('getSnapshot');
  return snapshot;
}

describe('a backup with secrets, sealed with a passphrase', () => {
  it('is written with the secrets sealed: none of them, in any form, is in the file', async () => {
    const file = await api.call('exportBackup', PASSPHRASE);

    expect(file.fileName).toMatch(/^tokentray-backup-\d{4}-\d\d-\d\d\.json$/);
    expect(held.size).toBeGreaterThan(8);
    const leaked = [...held.values()].filter(
      (secret) =>
        file.contents.includes(secret) || file.contents.includes(Buffer.from(secret).toString('base64url')),
    );
    expect(leaked).toEqual([]);
    expect(file.contents).not.toContain(PASSPHRASE);
    // Nor the data key, in any form it could take: not in the backup, the plain export, the window's snapshot or the history.
    const [account] = await source.keychain.listAccounts();
    const key = Buffer.from((await source.keychain.readItem(account!))!, 'base64');
    expect(key).toHaveLength(32);
    const shown = [
      file.contents,
      (await api.call('exportData')).contents,
      JSON.stringify(await api.call('getSnapshot')),
      JSON.stringify(await api.call('getHistory', {})),
    ].join('\n');
    for (const form of ['base64', 'base64url', 'hex'] as const)
      expect(shown).not.toContain(key.toString(form));
    expect(file.contents).not.toMatch(/"(partners|connections|refreshToken|accessToken)"/);
  });

  it('refuses a wrong passphrase and imports nothing', async () => {
    const before = await targetState();
    const answer = await targetApi.dispatch('importBackup', [backup, 'moving day: correct horse batteries']);

    expect(answer).toMatchObject({ ok: false, status: 400, error: { code: 'invalid_input' } });
    expect(JSON.stringify(answer)).toMatch(/passphrase/);
    expect(await targetState()).toEqual(before);
    expect(await target.vault.listAccounts()).toEqual([]);
  });

  it('refuses a damaged file with the right passphrase and imports nothing', async () => {
    const json = JSON.parse(backup) as { ciphertext: string };
    const middle = Math.floor(json.ciphertext.length / 2);
    const swapped = json.ciphertext[middle] === 'A' ? 'B' : 'A';
    json.ciphertext = json.ciphertext.slice(0, middle) + swapped + json.ciphertext.slice(middle + 1);
    const before = await targetState();
    const answer = await targetApi.dispatch('importBackup', [JSON.stringify(json), PASSPHRASE]);
    const truncated = await targetApi.dispatch('importBackup', [
      backup.slice(0, backup.length / 2),
      PASSPHRASE,
    ]);

    expect(answer).toMatchObject({ ok: false, status: 400, error: { code: 'invalid_input' } });
    expect(truncated).toMatchObject({ ok: false, status: 400, error: { code: 'invalid_input' } });
    expect(await targetState()).toEqual(before);
  });

  it('refuses a passphrase under ten characters, and writes no file', async () => {
    const answer = await api.dispatch('exportBackup', ['too short']);
    expect(answer).toMatchObject({ ok: false, status: 400, error: { code: 'invalid_input' } });
    expect(JSON.stringify(answer)).toMatch(/at least 10 characters/);
  });

  it('imports into another profile with every secret, sealed there under its own key, and each renews with them', async () => {
    const result = await targetApi.call('importBackup', backup, PASSPHRASE);
    const imported = connectionsOf(await targetApi.call('getSnapshot'));

    expect(result).toEqual({
      partnersAdded: 5,
      connectionsAdded: 5,
      connectionsRestored: 0,
      needCredentials: 0,
      skipped: [],
    });
    for (const connection of imported) {
      for (const kind of KINDS) {
        const original = held.get(`${connection.label}/${kind}`) ?? null;
        expect(await target.vault.get(connection.id, kind), `${connection.label} ${kind}`).toBe(original);
      }
    }
    // On disk in the target's profile, sealed: no secret in clear.
    const onDisk = profileText(target.directory);
    expect([...held.values()].filter((secret) => onDisk.includes(secret))).toEqual([]);

    // The secrets work there: each connection renews with what the backup carried.
    for (const connection of imported.filter((c) => c.dialect !== 'manual')) {
      const outcome = await targetApi.call('renewNow', connection.id);
      expect(outcome.kind, connection.dialect).toBe('renewed');
    }
  });
});

describe('a token typed by hand, moved with a backup', () => {
  const now = Date.now();
  let from: CoreHarness;
  let to: CoreHarness;
  beforeAll(async () => {
    from = await startCoreHarness({ clock: new FakeClock(now) });
    to = await startCoreHarness({ clock: new FakeClock(now) });
  });
  afterAll(async () => {
    await from.close();
    await to.close();
  });

  it('keeps its expiry and countdown, and the replaced token still in use keeps its own', async () => {
    const fromApi = apiClient(from.core);
    const toApi = apiClient(to.core);
    // Expiries a person types: neither the year a manual token gets by default nor anything the token says.
    const firstExpiry = now + 9 * 86_400_000 + 17_000;
    const secondExpiry = now + 41 * 86_400_000 + 3_000;
    const partner = await fromApi.call('addPartner', { name: 'Portal partner' });
    const connection = await fromApi.call(
      'addConnection',
      { partnerId: partner.id, label: 'Typed by hand', dialect: 'manual', endpoint: '', settings: {} },
      { partnerToken: `typed-${now}-first`, tokenExpiresAt: firstExpiry },
    );
    await fromApi.call('replaceManualToken', connection.id, `typed-${now}-second`, secondExpiry);
    const before = await fromApi.call('getConnection', connection.id);

    const file = await fromApi.call('exportBackup', PASSPHRASE);
    await toApi.call('importBackup', file.contents, PASSPHRASE);
    const [imported] = connectionsOf(await toApi.call('getSnapshot'));
    const after = await toApi.call('getConnection', imported!.id);

    const facts = (token: TokenView | null) =>
      token && { expiresAt: token.expiresAt, status: token.status, fingerprint: token.fingerprint };
    expect(before.token?.expiresAt).toBe(secondExpiry);
    expect(before.previousTokens.map((t) => t.expiresAt)).toEqual([firstExpiry]);
    expect(facts(after.token)).toEqual(facts(before.token));
    expect(after.previousTokens.map(facts)).toEqual(before.previousTokens.map(facts));
    expect(after.status).toBe(before.status);
    expect(await to.vault.get(imported!.id, 'partnerToken')).toBe(`typed-${now}-second`);
    expect(await to.vault.get(imported!.id, 'previousPartnerToken')).toBe(`typed-${now}-first`);
  });
});

describe('a backup imported into a profile that already has some of its connections', () => {
  let from: CoreHarness;
  let to: CoreHarness;
  beforeAll(async () => {
    from = await startCoreHarness();
    to = await startCoreHarness();
  });
  afterAll(async () => {
    await from.close();
    await to.close();
  });

  it('adds the connections it lacks with their secrets; the one it has keeps its own secrets, and a second import changes nothing', async () => {
    const fromApi = apiClient(from.core);
    const toApi = apiClient(to.core);
    const shared = await from.connect('oauth2', { rotate: true });
    await from.connect('partner-header');
    await from.connect('oauth-tokens-envelope');
    // The same partner and connection, already set up here with this profile's own account.
    const own = await to.connect('oauth2', { rotate: true });
    const ownSecrets = async () =>
      Promise.all(
        (['clientSecret', 'refreshToken', 'accessToken'] as const).map((kind) =>
          to.vault.get(own.connection.id, kind),
        ),
      );
    const ownBefore = await ownSecrets();
    const file = await fromApi.call('exportBackup', PASSPHRASE);

    const result = await toApi.call('importBackup', file.contents, PASSPHRASE);

    expect(result).toMatchObject({
      partnersAdded: 2,
      connectionsAdded: 2,
      connectionsRestored: 0,
      needCredentials: 0,
    });
    expect(result.skipped).toEqual([
      {
        item: 'Connection 1 "oauth2 connection"',
        reason:
          'Partner oauth2 already has a connection named "oauth2 connection"; it has secrets of its own, which are kept.',
      },
    ]);
    const views = connectionsOf(await toApi.call('getSnapshot'));
    expect(views.map((view) => view.label).sort()).toEqual([
      'oauth-tokens-envelope connection',
      'oauth2 connection',
      'partner-header connection',
    ]);
    // The connection it had is untouched: its own secrets, renewed with its own account.
    expect(await ownSecrets()).toEqual(ownBefore);
    expect((await toApi.call('renewNow', own.connection.id)).kind).toBe('renewed');
    expect(to.simulator.requestCount(own.provisioned.key)).toBe(1);
    expect(from.simulator.requestCount(shared.provisioned.key)).toBe(0);
    for (const view of views.filter((v) => v.id !== own.connection.id)) {
      expect((await toApi.call('renewNow', view.id)).kind, view.label).toBe('renewed');
    }

    // The same file again: every connection is there already, so nothing is added and no secret replaced.
    const places = await to.vault.listAccounts();
    const held = await Promise.all(
      places.map((place) => to.vault.get(...(place.split('/') as [string, 'accessToken']))),
    );
    const again = await toApi.call('importBackup', file.contents, PASSPHRASE);
    expect(again).toMatchObject({
      partnersAdded: 0,
      connectionsAdded: 0,
      connectionsRestored: 0,
      needCredentials: 0,
    });
    expect(again.skipped).toHaveLength(3);
    expect(connectionsOf(await toApi.call('getSnapshot'))).toHaveLength(3);
    expect(await to.vault.listAccounts()).toEqual(places);
    expect(
      await Promise.all(
        places.map((place) => to.vault.get(...(place.split('/') as [string, 'accessToken']))),
      ),
    ).toEqual(held);
  });
});
