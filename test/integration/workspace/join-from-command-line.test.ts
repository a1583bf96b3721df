import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LaunchedHost } from '../../../main/web-host/launch';
import { parseCliOptions } from '../../../main/web-host/cli-options';
import { startupFailure } from '../../../main/web-host/process-lifecycle';
import { connectionFor } from '../../support/connection-for';
import { runTokentray } from '../../support/run-tokentray';
import { useServedHosts } from './served-hosts';

const served = useServedHosts('tokentray-join-');
const { warnings } = served;

/** A member's browser host, started from its command line as `npm run serve` takes it. */
async function serve(name: string, args: string[]): Promise<{ host: LaunchedHost; profile: string }> {
  const profile = join(served.folder, name);
  const host = await served.serve(profile, `TokenTray-join-${randomUUID()}`, args);
  return { host, profile };
}

describe('joining a workspace from the command line', () => {
  it('lets a member print a join code with `tokentray join-code` that another starts with --join, once', async () => {
    const url = await served.server.createDatabase();
    const ada = await serve('ada', ['--workspace', url, '--member', 'Ada']);
    const provisioned = served.simulator.provision('oauth2', { rotate: true });
    const partner = ada.host.core.admin.addPartner({ name: 'Acme', contactEmail: 'ops@acme.example' });
    const { input, secrets } = connectionFor(provisioned, partner.id);
    const connection = await ada.host.core.admin.addConnection(input, secrets);

    const printed = await runTokentray(ada.profile, 'join-code');
    expect(printed.code).toBe(0);
    const code = printed.stdout.trim();
    expect(code).toMatch(/^tj1\.[0-9a-f]{16}\.[A-Za-z0-9_-]{22}$/);
    expect(printed.stderr).toMatch(/works once/);
    expect(printed.stderr).not.toContain(code.split('.')[2]);

    const grace = await serve('grace', ['--workspace', url, '--member', 'Grace', '--join', code]);
    expect(grace.host.core.secretsLock()).toBeNull();
    expect(await grace.host.core.secrets.get(connection.id, 'refreshToken')).toBe(provisioned.refreshToken);

    const refused = await serve('linus', ['--workspace', url, '--member', 'Linus', '--join', code]).catch(
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ code: 'join_code_used' });
    expect(JSON.stringify(refused)).not.toContain(code.split('.')[2]);
    expect(warnings.filter((line) => line.includes(code.split('.')[2]!))).toEqual([]);
    expect(startupFailure(refused, 0)).toBe(
      'This join code has already been used: each works once.\n' +
        '  - Ask a member of the workspace to make a new join code for you.',
    );
  }, 90_000);

  it('refuses `tokentray join-code` on a profile of its own, saying join codes are for a workspace', async () => {
    const { profile } = await serve('solo', []);
    const printed = await runTokentray(profile, 'join-code');
    expect(printed.code).toBe(1);
    expect(printed.stdout).toBe('');
    expect(printed.stderr).toMatch(/Join codes are for a shared workspace/);
  }, 60_000);

  it('refuses --join without --workspace', () => {
    expect(parseCliOptions(['--join', 'tj1.x.y'])).toEqual({
      error: '--join needs --workspace with the database URL the code came with.',
    });
  });
});
