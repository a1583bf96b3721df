import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { defaultProfileDir } from './default-profile';

export interface CliOptions {
  port: number;
  profileDir: string;
  open: boolean;
  keychainService: string | undefined;
  /**
   * A shared workspace: its PostgreSQL URL (password from PGPASSWORD, the URL, or the keychain
   * where a previous start kept it), the member's name, and a join code on a member's first start.
   */
  workspace: { url: string; member: string; joinCode?: string } | undefined;
}

export const USAGE =
  'Usage: npm run serve -- [--port N] [--profile DIR] [--no-open] [--keychain-service NAME]\n' +
  '  --port N                 port on 127.0.0.1 (default 0: a free one)\n' +
  `  --profile DIR            where TokenTray keeps its metadata (default ${defaultProfileDir()})\n` +
  '  --no-open                do not open the browser\n' +
  '  --keychain-service NAME  keychain service for secrets (default TokenTray)\n' +
  '  --workspace URL          a shared workspace on PostgreSQL (postgres://user@host:port/db;\n' +
  "                           the password from PGPASSWORD) instead of the profile's own files\n" +
  "  --member NAME            your name in the workspace's history (default: your login name)\n" +
  '  --join CODE              join the workspace with a one-time code from a member\n' +
  "                           (stores the workspace key in this computer's keychain)";

/** The browser host's command line; an error is one sentence for the terminal. */
export function parseCliOptions(
  argv: string[],
): { options: CliOptions } | { help: true } | { error: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '0' },
        profile: { type: 'string' },
        'no-open': { type: 'boolean', default: false },
        'keychain-service': { type: 'string' },
        workspace: { type: 'string' },
        member: { type: 'string' },
        join: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { error: error instanceof Error ? error.message : 'Unknown option.' };
  }
  if (values.help) return { help: true };
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || !Number.isInteger(port) || port > 65_535) {
    return { error: '--port must be a port number from 0 to 65535 (0 picks a free one).' };
  }
  const service = values['keychain-service'];
  if (service !== undefined && service.trim() === '') return { error: '--keychain-service needs a name.' };
  const url = values.workspace;
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url)) {
    return { error: '--workspace needs a PostgreSQL URL: postgres://user@host:port/database.' };
  }
  const member = values.member ?? userInfo().username;
  const joinCode = values.join?.trim();
  if (joinCode !== undefined && url === undefined) {
    return { error: '--join needs --workspace with the database URL the code came with.' };
  }
  if (joinCode === '') return { error: '--join needs the code a member of the workspace made.' };
  return {
    options: {
      port,
      profileDir: values.profile ?? defaultProfileDir(),
      open: !values['no-open'],
      keychainService: service,
      workspace: url === undefined ? undefined : { url, member, ...(joinCode ? { joinCode } : {}) },
    },
  };
}
