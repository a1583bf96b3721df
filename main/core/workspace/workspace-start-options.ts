import { userInfo } from 'node:os';

/** How a host starts on a shared workspace, from its command line (both hosts read the same flags). */
export interface WorkspaceStartOptions {
  /** postgres://user@host:port/database; the password from PGPASSWORD, the URL or the keychain. */
  url: string;
  /** The member's display name in the workspace's history. */
  member: string;
  /** A one-time join code from a member, on this member's first start. */
  joinCode?: string;
  /** The local profile in the folder moves into the workspace first (once). */
  moveIn?: boolean;
}

/** The workspace flags as they are typed: strings, and `--move-in` alone. */
export interface WorkspaceFlags {
  workspace?: string;
  member?: string;
  join?: string;
  'move-in'?: boolean;
}

export const WORKSPACE_USAGE =
  '  --workspace URL          a shared workspace on PostgreSQL (postgres://user@host:port/db;\n' +
  "                           the password from PGPASSWORD) instead of the profile's own files\n" +
  "  --member NAME            your name in the workspace's history (default: your login name)\n" +
  '  --join CODE              join the workspace with a one-time code from a member\n' +
  "                           (stores the workspace key in this computer's keychain)\n" +
  "  --move-in                with --workspace: move this profile's partners and connections\n" +
  '                           into the workspace first (once; credentials go with them)';

/** Checks the workspace flags together; an error is one sentence for the terminal or a dialog. */
export function workspaceStartOptions(
  flags: WorkspaceFlags,
): { workspace: WorkspaceStartOptions | undefined } | { error: string } {
  const url = flags.workspace;
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url)) {
    return { error: '--workspace needs a PostgreSQL URL: postgres://user@host:port/database.' };
  }
  const joinCode = flags.join?.trim();
  if (joinCode !== undefined && url === undefined) {
    return { error: '--join needs --workspace with the database URL the code came with.' };
  }
  if (joinCode === '') return { error: '--join needs the code a member of the workspace made.' };
  if (flags['move-in'] && url === undefined) {
    return { error: '--move-in needs --workspace with the database URL to move into.' };
  }
  const member = flags.member?.trim() || userInfo().username;
  if (url === undefined) return { workspace: undefined };
  return {
    workspace: {
      url,
      member,
      ...(joinCode ? { joinCode } : {}),
      ...(flags['move-in'] ? { moveIn: true } : {}),
    },
  };
}
