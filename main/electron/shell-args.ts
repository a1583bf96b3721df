import { HIDDEN_FLAG } from './autostart-entry';

/** What the app's command line may set: a profile for tests and power users, a start in the tray. */
export interface ShellOptions {
  /** Where metadata lives instead of the platform's user data folder. */
  profileDir: string | null;
  /** A keychain service name other than "TokenTray" (tests use one of their own). */
  keychainService: string | null;
  /** Start in the tray without showing the window (launch at login). */
  hidden: boolean;
}

/** Reads `--profile DIR`, `--keychain-service NAME` (or `=` forms) and `--hidden` anywhere in argv. */
export function parseShellArgs(argv: readonly string[]): ShellOptions {
  return {
    profileDir: valueOf(argv, '--profile'),
    keychainService: valueOf(argv, '--keychain-service'),
    hidden: argv.includes(HIDDEN_FLAG),
  };
}

function valueOf(argv: readonly string[], flag: string): string | null {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1) || null;
    if (arg === flag) {
      const next = argv[i + 1];
      return next !== undefined && !next.startsWith('--') ? next : null;
    }
  }
  return null;
}
