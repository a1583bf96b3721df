import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LaunchedHost } from '../../../main/web-host/launch';
import { launchBrowserHost } from '../../../main/web-host/launch';
import { parseCliOptions } from '../../../main/web-host/cli-options';
import { startupFailure } from '../../../main/web-host/process-lifecycle';
import type { Simulator } from '../../simulator/simulator';
import { startSimulator } from '../../simulator/simulator';
import { connectionFor } from '../../support/connection-for';
import { runTokentray } from '../../support/run-tokentray';
import { startPostgres, type TestPostgres } from '../../support/postgres';

let server: TestPostgres;
let simulator: Simulator;
let folder: string;
const hosts: LaunchedHost[] = [];
beforeAll(async () => {
  execFileSync('npm', ['run', '--silent', 'build:cli']);
  folder = mkdtempSync(join(tmpdir(), 'tokentray-move-cli-'));
  [server, simulator] = await Promise.all([startPostgres(), startSimulator()]);
}, 90_000);
afterAll(async () => {
  for (const host of hosts) await host.stop().catch(() => undefined);
  await simulator?.close();
  server?.remove();
  rmSync(folder, { recursive: true, force: true });
});

/** A browser host started from its command line as `npm run serve` takes it. */
async function serve(profile: string, service: string, args: string[]): Promise<LaunchedHost> {
  const parsed = parseCliOptions(args);
  if (!('options' in parsed)) throw new Error(`unexpected command line: ${JSON.stringify(parsed)}`);
  const host = await launchBrowserHost({
    profileDir: profile,
    port: 0,
    keychainService: service,
    rendererDir: folder,
    workspace: parsed.options.workspace,
    warn: () => undefined,
  });
  hosts.push(host);
  return host;
}

/** A local profile with one rotating connection, served; resolves with the host and the connection. */
async function localWithConnection(profile: string, service: string) {
  const host = await serve(profile, service, []);
  const provisioned = simulator.provision('oauth2', { rotate: true });
  const partner = host.core.admin.addPartner({ name: 'Acme', contactEmail: 'ops@acme.example' });
  const { input, secrets } = connectionFor(provisioned, partner.id);
  const connection = await host.core.admin.addConnection(input, secrets);
  await host.core.saved();
  return { host, connection, provisioned };
}

describe('moving a profile into a workspace from the command line', () => {
  it('moves the running profile with `tokentray move-in`; the folder then starts on the workspace, and on its own it refuses, saying where', async () => {
    const url = await server.createDatabase();
    const service = `TokenTray-move-${randomUUID()}`;
    const profile = join(folder, 'ada');
    const { host, connection, provisioned } = await localWithConnection(profile, service);

    const printed = await runTokentray(profile, 'move-in', url, '--member', 'Ada');
    expect(printed.stderr).toBe('');
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^Moved 1 partners and 1 connections into the workspace 127\.0\.0\.1:/);
    expect(printed.stdout).toContain('--member "Ada"');
    expect(printed.stdout).not.toContain(server.password);
    await host.stop();

    const refused = await serve(profile, service, []).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'profile_moved' });
    expect(startupFailure(refused, 0)).toContain(
      `--workspace postgres://tokentray@127.0.0.1:${server.port}/`,
    );

    const workspace = await serve(profile, service, ['--workspace', url, '--member', 'Ada']);
    expect(workspace.core.snapshot().workspace?.member).toBe('Ada');
    expect(await workspace.core.secrets.get(connection.id, 'refreshToken')).toBe(provisioned.refreshToken);
    expect((await workspace.core.renewNow(connection.id)).kind).toBe('renewed');
    expect(simulator.familyRevoked(provisioned.key)).toBe(false);

    const out = join(folder, 'ada-out');
    const movedOut = await runTokentray(profile, 'move-out', out);
    expect(movedOut.code).toBe(0);
    expect(movedOut.stdout).toContain(`into ${out}`);
    await workspace.stop();
    const local = await serve(out, service, []);
    expect((await local.core.renewNow(connection.id)).kind).toBe('renewed');
    expect(simulator.familyRevoked(provisioned.key)).toBe(false);
  }, 120_000);

  it('moves a profile at start-up with --move-in, once: a second start on the workspace moves nothing again', async () => {
    const url = await server.createDatabase();
    const service = `TokenTray-move-${randomUUID()}`;
    const profile = join(folder, 'grace');
    const { host, connection, provisioned } = await localWithConnection(profile, service);
    await host.stop();

    const args = ['--workspace', url, '--member', 'Grace', '--move-in'];
    const first = await serve(profile, service, args);
    expect(
      first.core
        .snapshot()
        .partners.flatMap((p) => p.connections)
        .map((c) => c.id),
    ).toEqual([connection.id]);
    await first.stop();
    const second = await serve(profile, service, args);
    expect(second.core.snapshot().partners).toHaveLength(1);
    expect(second.core.history().filter((entry) => entry.action === 'movedIn')).toHaveLength(1);
    expect((await second.core.renewNow(connection.id)).kind).toBe('renewed');
    expect(simulator.familyRevoked(provisioned.key)).toBe(false);
  }, 120_000);

  it('refuses --move-in without --workspace', () => {
    expect(parseCliOptions(['--move-in'])).toEqual({
      error: '--move-in needs --workspace with the database URL to move into.',
    });
  });
});
