import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCoreApi } from '../../../main/core/api/core-api';
import type { TokenTrayError } from '../../../main/core/domain';
import { initialState } from '../../../main/core/domain';
import { openConfStore, storeFilePath } from '../../../main/core/store/conf-store';
import type { SealedSecrets } from '../../../main/core/store/schema';
import { journalPathFor } from '../../../main/core/store/store-journal';
import { PROFILE_SECRETS } from '../../../main/core/vault/secret-vault';
import { profileOnDisk } from '../../support/profile-on-disk';
import { appendFileSync } from 'node:fs';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';

let harness: CoreHarness;
beforeEach(async () => {
  harness = await startCoreHarness();
});
afterEach(async () => {
  await harness.close();
});

/** Changes the sealed secrets in the stopped profile's file, as a damaged disk or a hand edit would. */
function editSealed(edit: (secrets: Record<string, SealedSecrets>) => void): void {
  const store = openConfStore({ directory: harness.directory });
  const secrets = store.get('secrets');
  edit(secrets);
  store.set('secrets', secrets);
}

/** Flips one bit of the part of a sealed value at `index` (2 nonce, 3 ciphertext, 4 tag). */
function flipBit(sealed: string, index: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[index]!, 'base64url');
  bytes[bytes.length - 1]! ^= 0x80;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

function viewOf(id: string) {
  return harness.core
    .snapshot()
    .partners.flatMap((p) => p.connections)
    .find((c) => c.id === id)!;
}

describe('a damaged sealed value', () => {
  it.each([
    ['the nonce', 2],
    ['the ciphertext', 3],
    ['the tag', 4],
  ])(
    'a flipped bit in %s stops that connection with "its stored secret cannot be read"; the others renew',
    async (_, index) => {
      const damaged = await harness.connect('oauth2', { rotate: true });
      const healthy = await harness.connect('oauth2', { rotate: true });
      await harness.core.stop();
      editSealed((secrets) => {
        const own = secrets[damaged.connection.id]!;
        own.refreshToken = flipBit(own.refreshToken!, index);
      });

      const core = await harness.restart();
      const outcome = await core.renewNow(damaged.connection.id);

      expect(outcome).toMatchObject({ kind: 'followUp', reason: 'secret_unreadable' });
      expect(viewOf(damaged.connection.id).followUp?.message).toMatch(/stored secret cannot be read/);
      expect(viewOf(damaged.connection.id).status).toBe('needsAction');
      expect(harness.simulator.requestCount(damaged.provisioned.key)).toBe(0);
      expect((await core.renewNow(healthy.connection.id)).kind).toBe('renewed');
      expect(core.secretsLock()).toBeNull();
    },
  );

  it('a damaged access token that a refresh-token renewal does not send is replaced by the renewal', async () => {
    const { connection, provisioned } = await harness.connect('oauth2', { rotate: true });
    await harness.core.stop();
    editSealed((secrets) => {
      const own = secrets[connection.id]!;
      own.accessToken = flipBit(own.accessToken!, 3);
    });

    const core = await harness.restart();
    expect((await core.renewNow(connection.id)).kind).toBe('renewed');
    expect(harness.simulator.requestCount(provisioned.key)).toBe(1);
    expect(await harness.vault.get(connection.id, 'accessToken')).toMatch(/\S/);
    expect(viewOf(connection.id).status).toBe('healthy');
  });

  it('a manual token that cannot be read, which no renewal replaces, puts its connection in needs action when copied; the other copies', async () => {
    const damaged = await harness.connect('manual');
    const healthy = await harness.connect('manual');
    await harness.core.stop();
    editSealed((secrets) => {
      const own = secrets[damaged.connection.id]!;
      own.partnerToken = flipBit(own.partnerToken!, 3);
    });

    const core = await harness.restart();
    const api = createCoreApi(core, { kind: 'browser' });
    const refused = await api.copyToken(damaged.connection.id).then(
      () => null,
      (error: unknown) => error as TokenTrayError,
    );

    expect(refused?.code).toBe('secret_unreadable');
    await expect(api.verifyToken(damaged.connection.id)).rejects.toMatchObject({ code: 'secret_unreadable' });
    expect(viewOf(damaged.connection.id).status).toBe('needsAction');
    expect(viewOf(damaged.connection.id).followUp).toMatchObject({
      reason: 'secret_unreadable',
      message: expect.stringMatching(/stored secret cannot be read/),
    });
    expect((await api.copyToken(healthy.connection.id)).token).toBe(healthy.provisioned.accessToken);
    expect(viewOf(healthy.connection.id).status).not.toBe('needsAction');
    // The state reaches the disk: after a restart the row still says so.
    const restarted = await harness.restart();
    expect(viewOf(damaged.connection.id).followUp?.reason).toBe('secret_unreadable');
    // The person pastes the token again: the row is well, and the token copies.
    const again = createCoreApi(restarted, { kind: 'browser' });
    await again.replaceManualToken(
      damaged.connection.id,
      'portal-token-pasted-again',
      Date.now() + 400 * 86_400_000,
    );
    expect(viewOf(damaged.connection.id).status).toBe(viewOf(healthy.connection.id).status);
    expect(viewOf(damaged.connection.id).followUp).toBeNull();
    expect((await again.copyToken(damaged.connection.id)).token).toBe('portal-token-pasted-again');
    expect(await harness.vault.get(damaged.connection.id, 'previousPartnerToken')).toBeNull();
  });

  it('a proxy password that cannot be read stops the renewal before any request with "its stored secret cannot be read", and no marker is left behind', async () => {
    const { connection, provisioned } = await harness.connect('oauth2', { rotate: true });
    const viaProxy = {
      proxyUrl: 'http://127.0.0.1:9',
      proxyUsername: 'tokentray',
      proxyLoopback: true,
      extraCaPem: null,
      timeoutSeconds: 30,
    };
    harness.core.updateSettings({ network: viaProxy });
    await harness.core.setProxyPassword('proxy-password-to-damage');
    await harness.core.stop();
    editSealed((secrets) => {
      const profile = secrets[PROFILE_SECRETS]!;
      profile.proxyPassword = flipBit(profile.proxyPassword!, 4);
    });

    const core = await harness.restart();
    const outcome = await core.renewNow(connection.id);
    await core.idle();

    expect(outcome).toMatchObject({ kind: 'followUp', reason: 'secret_unreadable' });
    expect(viewOf(connection.id).status).toBe('needsAction');
    expect(profileOnDisk(harness.directory).states[connection.id]?.inFlight).toBeNull();
    expect(harness.simulator.requestCount(provisioned.key)).toBe(0);
    // The password entered again (here: the proxy no longer used), the connection renews.
    await core.setProxyPassword(null);
    core.updateSettings({ network: { ...viaProxy, proxyUrl: null, proxyUsername: null } });
    expect((await core.renewNow(connection.id)).kind).toBe('renewed');
  });

  it('values swapped between two connections open for neither, and the partner is asked nothing', async () => {
    const a = await harness.connect('oauth2', { rotate: true });
    const b = await harness.connect('oauth2', { rotate: true });
    const c = await harness.connect('oauth2', { rotate: true });
    await harness.core.stop();
    editSealed((secrets) => {
      const first = secrets[a.connection.id]!.refreshToken;
      secrets[a.connection.id]!.refreshToken = secrets[b.connection.id]!.refreshToken;
      secrets[b.connection.id]!.refreshToken = first;
    });

    const core = await harness.restart();
    for (const { connection, provisioned } of [a, b]) {
      expect(await core.renewNow(connection.id)).toMatchObject({
        kind: 'followUp',
        reason: 'secret_unreadable',
      });
      expect(harness.simulator.requestCount(provisioned.key)).toBe(0);
    }
    expect((await core.renewNow(c.connection.id)).kind).toBe('renewed');
  });

  it('a value moved to another kind of its own connection does not open there; the partner is asked nothing', async () => {
    const moved = await harness.connect('oauth2', { rotate: true });
    const other = await harness.connect('oauth2', { rotate: true });
    await harness.core.stop();
    editSealed((secrets) => {
      const own = secrets[moved.connection.id]!;
      // The refresh token's sealed value, filed as the client secret: the bytes are intact, the place is not.
      own.clientSecret = own.refreshToken;
    });

    const core = await harness.restart();

    expect(await core.renewNow(moved.connection.id)).toMatchObject({
      kind: 'followUp',
      reason: 'secret_unreadable',
    });
    expect(harness.simulator.requestCount(moved.provisioned.key)).toBe(0);
    expect(await harness.vault.get(moved.connection.id, 'refreshToken')).toBe(moved.provisioned.refreshToken);
    expect((await core.renewNow(other.connection.id)).kind).toBe('renewed');
  });

  it('an interrupted renewal whose sealed value is damaged is recovered to needs action at start-up; start-up goes on', async () => {
    const damaged = await harness.connect('oauth2', { rotate: true });
    const healthy = await harness.connect('oauth2', { rotate: true });
    await harness.core.stop();
    editSealed((secrets) => {
      secrets[damaged.connection.id]!.refreshToken = 's1.1.AAAA.BBBB.CCCC';
    });
    const store = openConfStore({ directory: harness.directory });
    const states = store.get('states');
    states[damaged.connection.id] = {
      ...(states[damaged.connection.id] ?? initialState(damaged.connection.id)),
      phase: 'renewing',
      inFlight: { startedAt: Date.now(), refreshFingerprint: null },
    };
    store.set('states', states);

    const core = await harness.restart();
    await core.idle();

    expect(viewOf(damaged.connection.id).followUp?.reason).toBe('secret_unreadable');
    expect((await core.renewNow(healthy.connection.id)).kind).toBe('renewed');
  });

  it('a flipped byte in a sealed value is found in the background after the first answer, with no renewal or copy: that connection needs action, the others stay healthy', async () => {
    const damaged = await harness.connect('oauth2', { rotate: true });
    // An access token the renewal does not send is not needed: the next renewal replaces it.
    const replaceable = await harness.connect('oauth2', { rotate: true });
    const others = [replaceable, await harness.connect('manual'), await harness.connect('partner-header')];
    await harness.core.stop();
    editSealed((secrets) => {
      const parts = secrets[damaged.connection.id]!.refreshToken!.split('.');
      const ciphertext = Buffer.from(parts[3]!, 'base64url');
      ciphertext[0]! ^= 0xff;
      parts[3] = ciphertext.toString('base64url');
      secrets[damaged.connection.id]!.refreshToken = parts.join('.');
      const own = secrets[replaceable.connection.id]!;
      own.accessToken = flipBit(own.accessToken!, 3);
    });

    const core = await harness.restart();
    const firstAnswer = await createCoreApi(core, { kind: 'browser' }).getSnapshot();
    await core.idle();

    // The first answer did not wait for the check: it still shows the row as it was stored.
    const answered = firstAnswer.partners.flatMap((p) => p.connections);
    expect(answered.find((c) => c.id === damaged.connection.id)?.status).toBe('healthy');
    expect(viewOf(damaged.connection.id).status).toBe('needsAction');
    expect(viewOf(damaged.connection.id).followUp).toMatchObject({
      reason: 'secret_unreadable',
      message: expect.stringMatching(/stored secret cannot be read/),
    });
    for (const other of others)
      expect(viewOf(other.connection.id).status, other.connection.label).toBe('healthy');
    // Found without using anything: no request to any partner, no renewal, no copy.
    for (const { provisioned } of [damaged, ...others])
      expect(harness.simulator.requestCount(provisioned.key)).toBe(0);
    const since = core.history().filter((entry) => entry.at >= firstAnswer.at);
    expect(since.filter((entry) => ['renewed', 'renewalFailed', 'copied'].includes(entry.action))).toEqual(
      [],
    );
    // On disk: after a restart the row still says so, before anything is checked again.
    await harness.restart();
    expect(viewOf(damaged.connection.id).followUp?.reason).toBe('secret_unreadable');
  });

  it('a journal line cut short by a crash is dropped; every committed secret still opens', async () => {
    const { connection } = await harness.connect('oauth2', { rotate: true });
    const other = await harness.connect('partner-header');
    expect((await harness.core.renewNow(connection.id)).kind).toBe('renewed');
    const stored = await harness.vault.get(connection.id, 'refreshToken');
    const otherStored = await harness.vault.get(other.connection.id, 'accessToken');
    // A crash in the middle of the next line: only its first bytes reached the disk.
    const journal = journalPathFor(storeFilePath({ directory: harness.directory }));
    appendFileSync(journal, '{"seq":999999,"ops":[{"seal":"');

    const core = await harness.restart();
    expect(core.secretsLock()).toBeNull();
    expect(await harness.vault.get(connection.id, 'refreshToken')).toBe(stored);
    expect(await harness.vault.get(other.connection.id, 'accessToken')).toBe(otherStored);
    expect((await core.renewNow(connection.id)).kind).toBe('renewed');
    expect((await core.renewNow(other.connection.id)).kind).toBe('renewed');
  });

  it('a backup restores a connection whose stored secret was found damaged, replacing every value it held; it renews again', async () => {
    const damaged = await harness.connect('oauth2');
    const other = await harness.connect('partner-header');
    const backup = (await harness.core.importExport.exportBackup('restore the damaged one')).contents;
    await harness.core.stop();
    editSealed((secrets) => {
      const own = secrets[damaged.connection.id]!;
      own.refreshToken = flipBit(own.refreshToken!, 3);
    });

    const core = await harness.restart();
    expect(await core.renewNow(damaged.connection.id)).toMatchObject({ reason: 'secret_unreadable' });
    const result = await core.importExport.importBackup(backup, 'restore the damaged one');

    expect(result).toMatchObject({ connectionsAdded: 0, connectionsRestored: 1 });
    expect(result.skipped.map((s) => s.reason)).toEqual([expect.stringMatching(/secrets of its own/)]);
    expect((await core.renewNow(damaged.connection.id)).kind).toBe('renewed');
    expect(viewOf(damaged.connection.id).status).toBe('healthy');
    expect(viewOf(other.connection.id).status).toBe('healthy');
  });
});
