import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';

const URL_LINE = /^TokenTray is running at http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{43})$/;

export interface RunningServe {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** Resolves when every process of the command has let go of its output (npx, tsx and node). */
  closed: Promise<number | null>;
}

/**
 * `npx tsx main/web-host/cli.ts` (what `npm run serve` runs after building the window) on
 * `profile`, in a process group of its own, so a signal reaches all of it as Ctrl+C would.
 */
export function startServe(
  profile: string,
  keychainService: string,
  extraEnv: NodeJS.ProcessEnv = {},
): RunningServe {
  const args = ['tsx', 'main/web-host/cli.ts', '--port', '0', '--profile', profile, '--no-open'];
  args.push('--keychain-service', keychainService);
  const child = spawn('npx', args, { detached: true, env: { ...process.env, ...extraEnv } });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const closed = once(child, 'close').then(([code]) => code as number | null);
  return { child, stdout: () => out, stderr: () => err, closed };
}

/** The address and API token of the one line the host prints once it serves. */
export async function urlLine(serve: RunningServe): Promise<{ port: number; token: string }> {
  while (!serve.stdout().includes('\n')) {
    if (serve.child.exitCode !== null) throw new Error(`the CLI exited early: ${serve.stderr()}`);
    await once(serve.child.stdout, 'data');
  }
  const match = URL_LINE.exec(serve.stdout().split('\n')[0] ?? '');
  if (!match?.[1] || !match[2]) throw new Error('the CLI printed no URL line');
  return { port: Number(match[1]), token: match[2] };
}
