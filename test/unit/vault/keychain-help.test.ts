import { describe, expect, it } from 'vitest';
import { keychainHelp } from '../../../main/core/vault/keychain-help';
import { secretsLock } from '../../../main/core/vault/profile-lock-state';
import { urlsWithTrailingPunctuation } from '../../support/printed-urls';

describe('the commands that start a keychain', () => {
  it('give Linux the headless recipe: a D-Bus session of its own with GNOME Keyring unlocked, then TokenTray', () => {
    const { commands } = keychainHelp('linux');
    expect(commands[0]).toBe('sudo apt-get install gnome-keyring dbus-x11 libsecret-1-0');
    expect(commands[1]).toMatch(/^dbus-run-session -- bash -c '/);
    expect(commands[1]).toContain('gnome-keyring-daemon --unlock --components=secrets');
    expect(commands[1]).toMatch(/&& npm start'$/);
  });

  it('give macOS and Windows their own, and never the Linux ones', () => {
    expect(keychainHelp('darwin').commands).toEqual([
      'security unlock-keychain ~/Library/Keychains/login.keychain-db',
    ]);
    expect(keychainHelp('win32').commands).toEqual(['control /name Microsoft.CredentialManager']);
    expect(JSON.stringify([keychainHelp('darwin'), keychainHelp('win32')])).not.toMatch(/gnome|dbus/);
  });

  it('are what a profile locked for want of a keychain shows, and only that lock', () => {
    const lock = secretsLock('keychain_unavailable');
    expect(lock.commands).toEqual(keychainHelp().commands);
    expect(lock.guidance).toEqual(expect.arrayContaining(keychainHelp().steps));
    expect(secretsLock('key_missing').commands).toBeUndefined();
    expect(urlsWithTrailingPunctuation(lock.commands!.join('\n'))).toEqual([]);
  });
});
