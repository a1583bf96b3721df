import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Connection } from '../../../main/core/domain';
import { launchBrowserHost } from '../../../main/web-host/launch';
import type { LaunchedHost } from '../../../main/web-host/launch';
import { instanceFilePath, publishInstance, readInstanceFile } from '../../../main/web-host/instance-file';
import { startWebHost } from '../../../main/web-host/server';
import { createCoreApi } from '../../../main/core/api/core-api';
import { rawRequest } from '../../support/raw-http-request';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';
import { EXIT } from '../../../main/cli/exit-codes';
import type { Provisioned, SimDialect, Simulator } from '../../simulator/simulator';
import { startSimulator } from '../../simulator/simulator';
import { connectionFor } from '../../support/connection-for';
import type { CommandRun } from '../../support/run-tokentray';
import { runTokentray } from '../../support/run-tokentray';
import { startServe } from '../../support/serve-process';

let profile: string;
let simulator: Simulator;
let launched: LaunchedHost;

/** The built command on this file's profile. */
function tokentray(...args: string[]): Promise<CommandRun> {
  return runTokentray(profile, ...args);
}

async function connect(
  dialect: SimDialect,
  partnerName: string,
  label: string,
  accessLifetimeSec = 3600,
): Promise<{ provisioned: Provisioned; connection: Connection }> {
  const provisioned = simulator.provision(dialect, { accessLifetimeSec });
  const partner =
    launched.core.view((sources) => sources.partners).find((p) => p.name === partnerName) ??
    launched.core.admin.addPartner({ name: partnerName, contactEmail: 'ops@partner.example' });
  const { input, secrets } = connectionFor(provisioned, partner.id, { label });
  const connection = await launched.core.admin.addConnection(input, secrets);
  return { provisioned, connection };
}

beforeAll(async () => {
  // The command as shipped: bundled to plain JavaScript, no TypeScript compiled when it runs.
  execFileSync('npm', ['run', '--silent', 'build:cli']);
  profile = mkdtempSync(join(tmpdir(), 'tokentray-command-'));
  simulator = await startSimulator();
  launched = await launchBrowserHost({
    profileDir: profile,
    port: 0,
    keychainService: `TokenTray-test-${randomUUID()}`,
    rendererDir: profile,
    warn: () => undefined,
  });
}, 60_000);

afterAll(async () => {
  for (const account of await launched.vault.listAccounts()) {
    const [connectionId] = account.split('/');
    if (connectionId) await launched.vault.deleteAll(connectionId);
  }
  await launched.stop();
  await simulator.close();
  rmSync(profile, { recursive: true, force: true });
});

describe('tokentray, the command for scripts', () => {
  it('finds the running instance through a file only its user can read', () => {
    const address = readInstanceFile(profile);
    expect(address).toMatchObject({ origin: `http://127.0.0.1:${launched.host.port}`, pid: process.pid });
    expect(statSync(instanceFilePath(profile)).mode & 0o777).toBe(0o600);
  });

  it('prints exactly the current token and a newline when stdout is a pipe, and records the read', async () => {
    const { provisioned, connection } = await connect('oauth2', 'Acme', 'orders');

    const run = await tokentray('token', 'Acme/orders');

    expect(run).toEqual({ code: EXIT.ok, stdout: `${provisioned.accessToken}\n`, stderr: '' });
    expect(simulator.isAccessTokenLive(run.stdout.trim())).toBe(true);
    const history = launched.core.history({ connectionId: connection.id });
    expect(history[0]).toMatchObject({ action: 'read', outcome: 'info' });
  });

  it('names a connection by id, by label, or by a unique prefix; an ambiguous or unknown name lists candidates on stderr', async () => {
    const { provisioned, connection } = await connect('partner-header', 'Globex', 'payouts');
    await connect('partner-header', 'Globex', 'payments');

    const byId = await tokentray('token', connection.id);
    const byLabel = await tokentray('token', 'PAYOUTS');
    const byPrefix = await tokentray('token', 'globex/payo');
    const ambiguous = await tokentray('token', 'Globex/pay');
    const unknown = await tokentray('token', 'Initech/none');

    for (const run of [byId, byLabel, byPrefix]) expect(run.stdout).toBe(`${provisioned.accessToken}\n`);
    expect(ambiguous.code).toBe(EXIT.ambiguous);
    expect(ambiguous.stdout).toBe('');
    expect(ambiguous.stderr).toContain('Globex/payouts');
    expect(ambiguous.stderr).toContain('Globex/payments');
    expect(unknown.code).toBe(EXIT.notFound);
    expect(unknown.stderr).toContain('No connection is named "Initech/none"');
    expect(`${ambiguous.stderr}${unknown.stderr}`).not.toContain(provisioned.accessToken);
  });

  it('renews a token that would expire within --min-valid before printing it, with one request to the partner', async () => {
    const { provisioned, connection } = await connect('bearer-rotation', 'Umbrella', 'stock', 30);
    const before = simulator.requestCount(provisioned.key);

    const run = await tokentray('token', connection.id, '--min-valid', '60s');

    const printed = run.stdout.trim();
    expect(run.code).toBe(EXIT.ok);
    expect(printed).not.toBe(provisioned.accessToken);
    expect(simulator.isAccessTokenLive(printed)).toBe(true);
    // bearer-rotation revokes the old access token at once: the one printed is the one the partner issued last.
    expect(simulator.isAccessTokenLive(provisioned.accessToken)).toBe(false);
    expect(simulator.requestCount(provisioned.key)).toBe(before + 1);
  });

  it('exits "needs action" when the partner refuses the renewal a token needs, and prints no token', async () => {
    const { provisioned, connection } = await connect('oauth2', 'Hooli', 'search', 30);
    simulator.inject(provisioned.key, { kind: 'invalidGrant' });

    const run = await tokentray('token', connection.id);

    expect(run.code).toBe(EXIT.needsAction);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/needs action/);
    const status = await tokentray('status');
    expect(status.code).toBe(EXIT.needsAction);
  });

  it('exits "expired" for a manual token past its expiry, which only the partner can replace', async () => {
    const provisioned = simulator.provision('manual', { accessLifetimeSec: 3600 });
    const partner = launched.core.admin.addPartner({ name: 'Soylent', contactEmail: 'ops@soylent.example' });
    const { input, secrets } = connectionFor(provisioned, partner.id, { label: 'portal' });
    await launched.core.admin.addConnection(input, { ...secrets, tokenExpiresAt: Date.now() - 60_000 });

    const run = await tokentray('token', 'Soylent/portal');

    expect(run.code).toBe(EXIT.expired);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Paste the new one the partner issued');
  });

  it('lists connections as JSON a script can rely on, without any secret', async () => {
    const { provisioned } = await connect('oauth-tokens-envelope', 'Wayne', 'ledger');

    const run = await tokentray('list', '--json');

    const listed = z
      .array(
        z.strictObject({
          id: z.string(),
          name: z.string(),
          partner: z.string(),
          label: z.string(),
          dialect: z.string(),
          status: z.enum(['healthy', 'expiringSoon', 'renewing', 'retrying', 'needsAction', 'paused']),
          fingerprint: z
            .string()
            .regex(/^[0-9a-f]{12}$/)
            .nullable(),
          expiresAt: z.iso.datetime().nullable(),
          nextRenewalAt: z.iso.datetime().nullable(),
        }),
      )
      .parse(JSON.parse(run.stdout));
    expect(run.code).toBe(EXIT.ok);
    expect(listed.find((c) => c.name === 'Wayne/ledger')).toMatchObject({
      status: 'healthy',
      dialect: 'oauth-tokens-envelope',
    });
    expect(run.stdout).not.toContain(provisioned.accessToken);
    const text = await tokentray('list');
    expect(text.stdout.split('\n')[0]).toMatch(/^STATUS\s+EXPIRES\s+NAME\s+ID$/);
    expect(text.stdout).toContain('Wayne/ledger');
  });

  it('reports status as JSON: the worst state, counts and the next expiry', async () => {
    const run = await tokentray('status', '--json');

    const report = z
      .strictObject({
        worstStatus: z.string(),
        connections: z.number().int(),
        counts: z.record(z.string(), z.number().int()),
        nextExpiryAt: z.iso.datetime().nullable(),
        keychainAvailable: z.boolean(),
        locked: z.string().nullable(),
        renewalsPaused: z.boolean(),
      })
      .parse(JSON.parse(run.stdout));
    expect(report.connections).toBe(
      launched.core.view((s) => s.partners.flatMap((p) => s.connectionsOf(p.id))).length,
    );
    expect(report.keychainAvailable).toBe(true);
    expect(report.locked).toBeNull();
  });

  it('renews a connection on request and says when the new token expires', async () => {
    const { provisioned } = await connect('partner-header', 'Stark', 'arc');
    const before = simulator.requestCount(provisioned.key);

    const run = await tokentray('renew', 'Stark/arc');

    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout).toMatch(/^Renewed Stark\/arc; the new token expires \d{4}-\d\d-\d\dT/);
    expect(simulator.requestCount(provisioned.key)).toBe(before + 1);
  });

  it('a second TokenTray on the profile is refused and leaves the address of the running one alone', async () => {
    const address = readInstanceFile(profile);

    await expect(
      launchBrowserHost({ profileDir: profile, port: 0, rendererDir: profile, warn: () => undefined }),
    ).rejects.toMatchObject({ code: 'profile_locked' });

    expect(readInstanceFile(profile)).toEqual(address);
    expect((await tokentray('status')).code).not.toBe(EXIT.notRunning);
  });

  it('says TokenTray is not running, and how to start it, when no instance or only a stale address is there', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'tokentray-command-none-'));
    const gone = spawn(process.execPath, ['-e', '']);
    await once(gone, 'exit');
    try {
      const none = await runTokentray(empty, 'token', 'anything');
      writeFileSync(
        join(empty, 'instance.json'),
        JSON.stringify({ origin: 'http://127.0.0.1:9', token: 'x'.repeat(43), pid: gone.pid }),
        { mode: 0o600 },
      );
      const stale = await runTokentray(empty, 'status');

      expect(none.code).toBe(EXIT.notRunning);
      expect(none.stderr).toContain('TokenTray is not running');
      expect(none.stderr).toContain('npm start');
      expect(stale.code).toBe(EXIT.notRunning);
      expect(stale.stderr).toContain('an instance that has stopped');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('refuses wrong usage with exit code 2', async () => {
    const run = await tokentray('token', 'x', '--min-valid', 'soon');
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain('Give a duration');
  });
});

describe('the address file', () => {
  it('is removed when the instance stops', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokentray-command-stop-'));
    try {
      const other = await launchBrowserHost({
        profileDir: dir,
        port: 0,
        keychainService: `TokenTray-test-${randomUUID()}`,
        rendererDir: dir,
        warn: () => undefined,
      });
      expect(existsSync(instanceFilePath(dir))).toBe(true);
      await other.stop();
      expect(existsSync(instanceFilePath(dir))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the local API the Electron shell opens for the command', () => {
  it('serves the command without the window, and the window itself may not read tokens', async () => {
    const { provisioned, connection } = await connect('oauth2', 'Tyrell', 'replicants');
    const electronProfile = mkdtempSync(join(tmpdir(), 'tokentray-command-electron-'));
    const api = await startWebHost({ core: launched.core, port: 0, host: { kind: 'command-line' } });
    const unpublish = publishInstance(electronProfile, api.port, api.token);
    try {
      const run = await runTokentray(electronProfile, 'token', 'Tyrell/replicants');
      const page = await rawRequest(api.port, { method: 'GET', path: '/' });
      const fromWindow = createCoreApi(launched.core, { kind: 'electron' }).readToken(connection.id);

      expect(run.stdout).toBe(`${provisioned.accessToken}\n`);
      expect(page.status).toBe(404);
      await expect(fromWindow).rejects.toMatchObject({ code: 'forbidden' });
    } finally {
      unpublish();
      await api.close();
      rmSync(electronProfile, { recursive: true, force: true });
    }
    expect(existsSync(instanceFilePath(electronProfile))).toBe(false);
  });
});

describe('an instance that cannot reach the keychain', () => {
  it('makes token and status exit "locked", and says why', async () => {
    const lockedProfile = mkdtempSync(join(tmpdir(), 'tokentray-command-locked-'));
    const service = `TokenTray-test-${randomUUID()}`;
    const first = await launchBrowserHost({
      profileDir: lockedProfile,
      port: 0,
      keychainService: service,
      rendererDir: lockedProfile,
      warn: () => undefined,
    });
    const provisioned = simulator.provision('oauth2');
    const partner = first.core.admin.addPartner({ name: 'Cyberdyne', contactEmail: 'ops@cyberdyne.example' });
    const { input, secrets } = connectionFor(provisioned, partner.id, { label: 'skynet' });
    const connection = await first.core.admin.addConnection(input, secrets);
    await first.stop();
    // The same profile served by `npm run serve` in a session without D-Bus: no Secret Service answers.
    const serve = startServe(lockedProfile, service, {
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus',
    });
    try {
      await once(serve.child.stdout, 'data');
      const token = await runTokentray(lockedProfile, 'token', 'Cyberdyne/skynet');
      const status = await runTokentray(lockedProfile, 'status');

      expect(token.code).toBe(EXIT.locked);
      expect(token.stdout).toBe('');
      expect(token.stderr).toMatch(/secrets are locked/);
      expect(status.code).toBe(EXIT.locked);
    } finally {
      process.kill(-(serve.child.pid ?? 0), 'SIGTERM');
      await serve.closed;
      const cleanup = new KeytarVault({ service });
      await cleanup.deleteAll(connection.id);
      await cleanup.close();
      rmSync(lockedProfile, { recursive: true, force: true });
    }
  }, 60_000);
});
