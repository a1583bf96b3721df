import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliOptions } from '../../../main/web-host/cli-options';
import { startupFailure } from '../../../main/web-host/process-lifecycle';
import { connectionFor } from '../../support/connection-for';
import { runTokentray } from '../../support/run-tokentray';
import { useServedHosts } from './served-hosts';

const served = useServedHosts('tokentray-move-cli-');
const { serve } = served;

/** A local profile with one rotating connection, served; resolves with the host and the connection. */
async function localWithConnection(profile: string, service: string) {
  const host = await serve(profile, service, []);
  const provisioned = served.simulator.provision('oauth2', { rotate: true });
  const partner = host.core.admin.addPartner({ name: 'Acme', contactEmail: 'ops@acme.example' });
  const { input, secrets } = connectionFor(provisioned, partner.id);
  const connection = await host.core.admin.addConnection(input, secrets);
  await host.core.saved();
  return { host, connection, provisioned };
}

describe('moving a profile into a workspace from the command line', () => {
  it('moves the running profile with `tokentray move-in`; the folder then starts on the workspace, and on its own it refuses, saying where', async () => {
    const url = await served.server.createDatabase();
    const service = `TokenTray-move-${randomUUID()}`;
    const profile = join(served.folder, 'ada');
    const { host, connection, provisioned } = await localWithConnection(profile, service);

    const printed = await runTokentray(profile, 'move-in', url, '--member', 'Ada');
    expect(printed.stderr).toBe('');
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^Moved 1 partners and 1 connections into the workspace 127\.0\.0\.1:/);
    expect(printed.stdout).toContain('--member "Ada"');
    expect(printed.stdout).not.toContain(served.server.password);
    await host.stop();

    const refused = await serve(profile, service, []).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'profile_moved' });
    expect(startupFailure(refused, 0)).toContain(
      `--workspace postgres://tokentray@127.0.0.1:${served.server.port}/`,
    );

    const workspace = await serve(profile, service, ['--workspace', url, '--member', 'Ada']);
    expect(workspace.core.snapshot().workspace?.member).toBe('Ada');
    expect(await workspace.core.secrets.get(connection.id, 'refreshToken')).toBe(provisioned.refreshToken);
    expect((await workspace.core.renewNow(connection.id)).kind).toBe('renewed');
    expect(served.simulator.familyRevoked(provisioned.key)).toBe(false);

    const out = join(served.folder, 'ada-out');
    const movedOut = await runTokentray(profile, 'move-out', out);
    expect(movedOut.code).toBe(0);
    expect(movedOut.stdout).toContain(`into ${out}`);
    await workspace.stop();
    const local = await serve(out, service, []);
    expect((await local.core.renewNow(connection.id)).kind).toBe('renewed');
    expect(served.simulator.familyRevoked(provisioned.key)).toBe(false);
  }, 120_000);

  it('moves a profile at start-up with --move-in, once: a second start on the workspace moves nothing again', async () => {
    const url = await served.server.createDatabase();
    const service = `TokenTray-move-${randomUUID()}`;
    const profile = join(served.folder, 'grace');
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
    expect(served.simulator.familyRevoked(provisioned.key)).toBe(false);
  }, 120_000);

  it('refuses --move-in without --workspace', () => {
    expect(parseCliOptions(['--move-in'])).toEqual({
      error: '--move-in needs --workspace with the database URL to move into.',
    });
  });
});
