/**
 * The commands that bring a keychain up, for the platform TokenTray runs on:
 * shown when none answered, each alone on its line so it can be pasted whole.
 */
export interface KeychainHelp {
  /** What to do, in a sentence or two. */
  steps: string[];
  /** Commands to paste into a terminal, in order. */
  commands: string[];
}

export function keychainHelp(platform: NodeJS.Platform = process.platform): KeychainHelp {
  switch (platform) {
    case 'darwin':
      return {
        steps: [
          'On macOS, unlock the login keychain (Keychain Access, or this command), then restart TokenTray.',
        ],
        commands: ['security unlock-keychain ~/Library/Keychains/login.keychain-db'],
      };
    case 'win32':
      return {
        steps: [
          'On Windows, TokenTray uses Credential Manager: sign in to Windows as yourself (not a service account), check that Credential Manager opens, then restart TokenTray.',
        ],
        commands: ['control /name Microsoft.CredentialManager'],
      };
    default:
      return {
        steps: [
          'On Linux, TokenTray needs a running, unlocked Secret Service. In a desktop session, start GNOME Keyring (or KWallet) and unlock it, then restart TokenTray.',
          'On a machine without a desktop (a server, a container, SSH), install GNOME Keyring and run TokenTray inside a D-Bus session of its own with the keyring unlocked: the second command asks for the keyring password (a new keyring takes it as its password).',
        ],
        commands: [
          'sudo apt-get install gnome-keyring dbus-x11 libsecret-1-0',
          `dbus-run-session -- bash -c 'read -rsp "Keyring password: " pw; echo; printf %s "$pw" | gnome-keyring-daemon --unlock --components=secrets >/dev/null && npm start'`,
        ],
      };
  }
}
