import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../../main/core/workspace/open-workspace';
import { startPostgres, type TestPostgres } from '../../support/postgres';

let server: TestPostgres;
const savedPgPassword = process.env.PGPASSWORD;
beforeAll(async () => {
  // The password must come from the URL here, never from the environment.
  delete process.env.PGPASSWORD;
  server = await startPostgres();
}, 60_000);
afterAll(() => {
  if (savedPgPassword !== undefined) process.env.PGPASSWORD = savedPgPassword;
  server?.remove();
});

function withPassword(url: string, password: string | null): string {
  const parsed = new URL(url);
  parsed.password = password ?? '';
  return parsed.toString();
}

describe('opening a workspace whose database refuses the login', () => {
  it('says the password is wrong and what to do, with neither the password nor a stack', async () => {
    const url = await server.createDatabase();
    const wrong = 'not-the-password-4711';
    const refused = await Workspace.open({ url: withPassword(url, wrong), member: 'Ada' }).catch(
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({
      code: 'workspace_login_refused',
      message: expect.stringMatching(
        /^The workspace's database at 127\.0\.0\.1:\d+\/workspace_\w+ refused the login/,
      ),
      guidance: [expect.stringMatching(/PGPASSWORD/), expect.stringMatching(/keychain/)],
    });
    const shown = JSON.stringify({ ...(refused as object), message: (refused as Error).message });
    expect(shown).not.toContain(wrong);
    expect(shown).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('says a password is needed when none was given', async () => {
    const url = await server.createDatabase();
    const refused = await Workspace.open({ url: withPassword(url, null), member: 'Ada' }).catch(
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({
      code: 'workspace_login_refused',
      message: expect.stringMatching(/asks for a password, and none was given\.$/),
    });
  }, 60_000);
});
