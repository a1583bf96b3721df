import { userInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { autostartDesktopEntry } from '../../../main/electron/autostart-entry';
import { loginStartArgs, parseShellArgs, workspaceRestartArgs } from '../../../main/electron/shell-args';
import { parseCliOptions } from '../../../main/web-host/cli-options';

describe('the app command line', () => {
  it('reads the profile, the keychain service and a start in the tray', () => {
    expect(
      parseShellArgs([
        '/usr/bin/electron',
        'dist/electron/main.js',
        '--profile',
        '/tmp/p',
        '--keychain-service=Test',
        '--hidden',
      ]),
    ).toEqual({
      profileDir: '/tmp/p',
      keychainService: 'Test',
      hidden: true,
      workspace: undefined,
      problem: null,
    });
  });

  it('uses the defaults when nothing is given, and ignores a flag without its value', () => {
    expect(parseShellArgs(['/opt/TokenTray/tokentray'])).toEqual({
      profileDir: null,
      keychainService: null,
      hidden: false,
      workspace: undefined,
      problem: null,
    });
    expect(parseShellArgs(['tokentray', '--profile', '--hidden']).profileDir).toBeNull();
  });
});

describe('the workspace flags, read as the browser host reads them', () => {
  it('starts the app on a workspace with a member, a join code and a move in, among flags Chromium adds', () => {
    const options = parseShellArgs([
      '/opt/TokenTray/tokentray',
      '--no-sandbox',
      '--workspace=postgres://ada@db.example:5432/team',
      '--member',
      'Ada',
      '--join',
      'tj1.0011223344556677.secret',
      '--move-in',
    ]);
    expect(options.problem).toBeNull();
    expect(options.workspace).toEqual({
      url: 'postgres://ada@db.example:5432/team',
      member: 'Ada',
      joinCode: 'tj1.0011223344556677.secret',
      moveIn: true,
    });
  });

  it('gives the same sentence as the browser host for flags that do not go together', () => {
    const join = ['tokentray', '--join', 'tj1.code'];
    const browser = parseCliOptions(['--join', 'tj1.code']);
    expect(parseShellArgs(join).problem).toBe('error' in browser ? browser.error : 'no error');
    expect(parseShellArgs(['tokentray', '--move-in']).problem).toBe(
      '--move-in needs --workspace with the database URL to move into.',
    );
    expect(parseShellArgs(['tokentray', '--workspace', 'mysql://x']).problem).toContain('PostgreSQL URL');
    expect(parseShellArgs(['tokentray', '--workspace', 'mysql://x']).workspace).toBeUndefined();
  });

  it('names the member after the login when --member is not given, in both hosts', () => {
    const url = 'postgres://db.example/team';
    const browser = parseCliOptions(['--workspace', url]);
    const app = parseShellArgs(['tokentray', '--workspace', url]);
    expect('options' in browser && browser.options.workspace).toEqual(app.workspace);
    expect(app.workspace?.member).toBe(userInfo().username);
  });
});

describe('starting the app again on the workspace a profile moved into', () => {
  const next = { workspaceUrl: 'postgres://tokentray@db.example:5432/team', member: 'Ada Lovelace' };

  it('keeps the profile, keychain and tray flags and adds the workspace with the member', () => {
    const args = workspaceRestartArgs(
      ['dist/electron/main.js', '--profile', '/tmp/p', '--keychain-service=Test', '--hidden'],
      next,
    );
    expect(args).toEqual([
      'dist/electron/main.js',
      '--profile',
      '/tmp/p',
      '--keychain-service=Test',
      '--hidden',
      '--workspace',
      next.workspaceUrl,
      '--member',
      'Ada Lovelace',
    ]);
    expect(parseShellArgs(['tokentray', ...args])).toMatchObject({
      profileDir: '/tmp/p',
      hidden: true,
      workspace: { url: next.workspaceUrl, member: 'Ada Lovelace' },
      problem: null,
    });
  });

  it('drops --move-in, a used join code and the earlier workspace flags in either form', () => {
    const args = workspaceRestartArgs(
      [
        '--workspace',
        'postgres://old/db',
        '--member=Ada',
        '--join',
        'tj1.code',
        '--move-in',
        '--profile=/tmp/p',
      ],
      next,
    );
    expect(args).toEqual(['--profile=/tmp/p', '--workspace', next.workspaceUrl, '--member', 'Ada Lovelace']);
    const parsed = parseShellArgs(['tokentray', ...args]);
    expect(parsed.workspace).toEqual({ url: next.workspaceUrl, member: 'Ada Lovelace' });
  });
});

describe('launch at login on Linux', () => {
  it('writes an autostart entry that starts TokenTray in the tray', () => {
    const entry = autostartDesktopEntry(['/opt/TokenTray/tokentray']);
    expect(entry.split('\n')).toEqual(
      expect.arrayContaining([
        '[Desktop Entry]',
        'Type=Application',
        'Name=TokenTray',
        'Exec=/opt/TokenTray/tokentray --hidden',
      ]),
    );
  });

  it('starts the same workspace again at login, as the same member, with no password in the entry', () => {
    const { workspace } = parseShellArgs([
      'tokentray',
      '--workspace',
      'postgres://tokentray:s3cret@db.example:5432/team',
      '--member',
      'Ada Lovelace',
      '--join',
      'tj1.code',
    ]);
    const entry = autostartDesktopEntry(['/opt/TokenTray/tokentray'], loginStartArgs(workspace));
    expect(entry).toContain(
      'Exec=/opt/TokenTray/tokentray --workspace postgres://tokentray@db.example:5432/team --member "Ada Lovelace" --hidden',
    );
    expect(entry).not.toContain('s3cret');
    expect(entry).not.toContain('tj1.code');
    expect(loginStartArgs(undefined)).toEqual([]);
  });

  it('quotes a program path with spaces and escapes what the desktop entry spec says', () => {
    expect(autostartDesktopEntry(['/home/ann/My Apps/TokenTray.AppImage'])).toContain(
      'Exec="/home/ann/My Apps/TokenTray.AppImage" --hidden',
    );
    expect(autostartDesktopEntry(['/opt/a$b/100%'])).toContain('Exec="/opt/a\\\\$b/100%%" --hidden');
  });
});
