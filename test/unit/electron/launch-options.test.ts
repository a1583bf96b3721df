import { describe, expect, it } from 'vitest';
import { autostartDesktopEntry } from '../../../main/electron/autostart-entry';
import { parseShellArgs } from '../../../main/electron/shell-args';

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
    ).toEqual({ profileDir: '/tmp/p', keychainService: 'Test', hidden: true });
  });

  it('uses the defaults when nothing is given, and ignores a flag without its value', () => {
    expect(parseShellArgs(['/opt/TokenTray/tokentray'])).toEqual({
      profileDir: null,
      keychainService: null,
      hidden: false,
    });
    expect(parseShellArgs(['tokentray', '--profile', '--hidden']).profileDir).toBeNull();
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

  it('quotes a program path with spaces and escapes what the desktop entry spec says', () => {
    expect(autostartDesktopEntry(['/home/ann/My Apps/TokenTray.AppImage'])).toContain(
      'Exec="/home/ann/My Apps/TokenTray.AppImage" --hidden',
    );
    expect(autostartDesktopEntry(['/opt/a$b/100%'])).toContain('Exec="/opt/a\\\\$b/100%%" --hidden');
  });
});
