import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ValidationError } from '../../../main/core/domain';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';

let harness: CoreHarness;
beforeEach(async () => {
  harness = await startCoreHarness();
});
afterEach(async () => {
  await harness.close();
});

it('removing a partner deletes every stored secret of its connections', async () => {
  const { connection } = await harness.connect('oauth2');
  const partnerId = connection.partnerId;
  const second = harness.simulator.provision('bearer-rotation');
  await harness.core.admin.addConnection(
    {
      partnerId,
      label: 'Second',
      dialect: 'bearer-rotation',
      endpoint: second.endpoint,
    },
    { refreshToken: second.refreshToken!, accessToken: second.accessToken },
  );
  expect((await harness.vault.listAccounts()).length).toBeGreaterThanOrEqual(5);

  await harness.core.admin.removePartner(partnerId);

  expect(await harness.vault.listAccounts()).toEqual([]);
  expect(harness.core.snapshot().partners).toEqual([]);
});

it('removing one connection leaves the other connections and their secrets alone', async () => {
  const first = await harness.connect('oauth2');
  const second = await harness.connect('partner-header');

  await harness.core.admin.removeConnection(first.connection.id);

  const accounts = await harness.vault.listAccounts();
  expect(accounts.every((a) => a.startsWith(`${second.connection.id}/`))).toBe(true);
  expect(accounts.length).toBeGreaterThan(0);
});

it('bad form input gives field errors and stores nothing', async () => {
  const partner = harness.core.admin.addPartner({ name: 'Acme' });
  const attempt = harness.core.admin.addConnection(
    {
      partnerId: partner.id,
      label: '',
      dialect: 'partner-header',
      endpoint: 'http://partner.example/token',
      settings: { partnerIdHeader: 2 ** 31, authMethod: 'basic', bodyShape: 'flat' },
    },
    { refreshToken: 'a-refresh-token' },
  );

  await expect(attempt).rejects.toBeInstanceOf(ValidationError);
  const error = (await attempt.catch((e: unknown) => e)) as ValidationError;
  expect(Object.keys(error.fieldErrors)).toEqual(
    expect.arrayContaining(['label', 'settings.partnerIdHeader']),
  );
  expect(harness.core.snapshot().partners[0]!.connections).toEqual([]);
  expect(await harness.vault.listAccounts()).toEqual([]);
});

it('plain HTTP to a partner that is not on this computer is refused', async () => {
  const partner = harness.core.admin.addPartner({ name: 'Acme' });
  const attempt = harness.core.admin.addConnection(
    { partnerId: partner.id, label: 'Prod', dialect: 'oauth2', endpoint: 'http://partner.example/token' },
    { refreshToken: 'r', clientSecret: 's' },
  );
  await expect(attempt).rejects.toMatchObject({
    fieldErrors: { endpoint: expect.stringMatching(/https:\/\//) },
  });
});

it('no secret reaches the metadata file or the history after renewals', async () => {
  const secrets: string[] = [];
  for (const dialect of ['oauth2', 'oauth-tokens-envelope', 'partner-header', 'bearer-rotation'] as const) {
    const { provisioned, connection } = await harness.connect(dialect, { rotate: true });
    secrets.push(provisioned.accessToken, provisioned.refreshToken!, provisioned.clientSecret ?? '');
    await harness.core.renewNow(connection.id);
    await harness.core.renewNow(connection.id);
    for (const kind of ['accessToken', 'refreshToken'] as const) {
      secrets.push((await harness.vault.get(connection.id, kind))!);
    }
  }
  await harness.core.stop();

  const file = await readFile(join(harness.directory, 'tokentray.json'), 'utf8');
  const history = JSON.stringify(harness.core.history({ limit: 1000 }));
  const leaked = secrets.filter((s) => s.length > 0 && (file.includes(s) || history.includes(s)));
  expect(leaked.length).toBe(0);
  expect(file).toContain('fingerprint');
});

it('a secret the partner echoes back in its error text never reaches the window or the history', async () => {
  const provisioned = harness.simulator.provision('oauth2');
  const partner = harness.core.admin.addPartner({ name: 'Echo' });
  const wordLikeSecret = 'horsebattery';
  const connection = await harness.core.admin.addConnection(
    {
      partnerId: partner.id,
      label: 'Echo',
      dialect: 'oauth2',
      endpoint: provisioned.endpoint,
      settings: { clientId: provisioned.clientId, authMethod: 'basic', bodyShape: 'flat' },
    },
    {
      refreshToken: wordLikeSecret,
      clientSecret: provisioned.clientSecret!,
      accessToken: provisioned.accessToken,
    },
  );
  harness.simulator.inject(provisioned.key, {
    kind: 'status',
    status: 400,
    body: JSON.stringify({ error: 'invalid_grant', error_description: `Unknown token ${wordLikeSecret}` }),
    headers: { 'content-type': 'application/json' },
  });

  const outcome = await harness.core.renewNow(connection.id);

  expect(outcome.kind).toBe('followUp');
  const shown = JSON.stringify([outcome, harness.core.snapshot(), harness.core.history({ limit: 100 })]);
  expect(shown.includes(wordLikeSecret)).toBe(false);
});
