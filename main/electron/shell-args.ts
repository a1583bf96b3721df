import type { WorkspaceStartOptions } from '../core/workspace/workspace-start-options';
import { urlWithoutPassword } from '../core/workspace/move-note';
import { workspaceStartOptions } from '../core/workspace/workspace-start-options';
import { HIDDEN_FLAG } from './autostart-entry';

/** What the app's command line may set: a profile for tests and power users, a start in the tray, a workspace. */
export interface ShellOptions {
  /** Where metadata lives instead of the platform's user data folder. */
  profileDir: string | null;
  /** A keychain service name other than "TokenTray" (tests use one of their own). */
  keychainService: string | null;
  /** Start in the tray without showing the window (launch at login). */
  hidden: boolean;
  /** A shared workspace, read as the browser host reads it (workspace-start-options.ts). */
  workspace: WorkspaceStartOptions | undefined;
  /** The workspace flags do not go together: one sentence, shown before the app quits. */
  problem: string | null;
}

/**
 * Reads `--profile DIR`, `--keychain-service NAME`, `--workspace URL`, `--member NAME`,
 * `--join CODE` (or `=` forms), `--move-in` and `--hidden` anywhere in argv: Electron and
 * Chromium add flags of their own, so unknown ones are left alone.
 */
export function parseShellArgs(argv: readonly string[]): ShellOptions {
  const workspace = workspaceStartOptions({
    workspace: valueOf(argv, '--workspace') ?? undefined,
    member: valueOf(argv, '--member') ?? undefined,
    join: valueOf(argv, '--join') ?? undefined,
    'move-in': argv.includes('--move-in'),
  });
  return {
    profileDir: valueOf(argv, '--profile'),
    keychainService: valueOf(argv, '--keychain-service'),
    hidden: argv.includes(HIDDEN_FLAG),
    workspace: 'error' in workspace ? undefined : workspace.workspace,
    problem: 'error' in workspace ? workspace.error : null,
  };
}

/**
 * The flags a start at login needs to open the same workspace again (none for the local
 * profile): the URL without a password (the keychain holds it) and the member's name.
 */
export function loginStartArgs(workspace: WorkspaceStartOptions | undefined): string[] {
  if (!workspace) return [];
  return ['--workspace', urlWithoutPassword(workspace.url), '--member', workspace.member];
}

/** The flags that name a workspace start; `--move-in` and `--join` take effect once. */
const WORKSPACE_FLAGS = new Set(['--workspace', '--member', '--join']);

/**
 * The app's arguments (without the executable) for starting again on the workspace a profile
 * moved into: every other flag kept, the workspace flags replaced, `--move-in` and `--join`
 * dropped (the move is done; the key is in this keychain).
 */
export function workspaceRestartArgs(
  args: readonly string[],
  next: { workspaceUrl: string; member: string },
): string[] {
  const kept: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const flag = arg.split('=', 1)[0]!;
    if (arg === '--move-in') continue;
    if (WORKSPACE_FLAGS.has(flag)) {
      // The value in the next argument goes with its flag (as valueOf reads it).
      if (arg === flag && args[i + 1] !== undefined && !args[i + 1]!.startsWith('--')) i += 1;
      continue;
    }
    kept.push(arg);
  }
  return [...kept, '--workspace', next.workspaceUrl, '--member', next.member];
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
