import { parseArgs } from 'node:util';
import type { WorkspaceStartOptions } from '../core/workspace/workspace-start-options';
import { WORKSPACE_USAGE, workspaceStartOptions } from '../core/workspace/workspace-start-options';
import { defaultProfileDir } from './default-profile';

export interface CliOptions {
  port: number;
  profileDir: string;
  open: boolean;
  keychainService: string | undefined;
  /** A shared workspace (main/core/workspace/workspace-start-options.ts), or undefined for the profile's own files. */
  workspace: WorkspaceStartOptions | undefined;
}

export const USAGE =
  'Usage: npm run serve -- [--port N] [--profile DIR] [--no-open] [--keychain-service NAME]\n' +
  '  --port N                 port on 127.0.0.1 (default 0: a free one)\n' +
  `  --profile DIR            where TokenTray keeps its metadata (default ${defaultProfileDir()})\n` +
  '  --no-open                do not open the browser\n' +
  '  --keychain-service NAME  keychain service for secrets (default TokenTray)\n' +
  WORKSPACE_USAGE;

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
        'move-in': { type: 'boolean' },
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
  const workspace = workspaceStartOptions(values);
  if ('error' in workspace) return workspace;
  return {
    options: {
      port,
      profileDir: values.profile ?? defaultProfileDir(),
      open: !values['no-open'],
      keychainService: service,
      workspace: workspace.workspace,
    },
  };
}
