import { execFile, spawn } from 'node:child_process';

/** The system's "open this with the default program" command: open (macOS), start (Windows), xdg-open. */
function systemOpener(url: string, platform: NodeJS.Platform): [string, string[]] {
  if (platform === 'darwin') return ['open', [url]];
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', url]];
  return ['xdg-open', [url]];
}

/** Opens the link in the default browser where the system can; a failure changes nothing, the link is printed anyway. */
export function openInBrowser(url: string, platform: NodeJS.Platform = process.platform): void {
  const [command, args] = systemOpener(url, platform);
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsHide: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No opener on this system: the person opens the printed link.
  }
}

/** How long an opener may run before the program it started counts as having taken the link. */
const STILL_RUNNING_MS = 5_000;

export interface MailOpenerOptions {
  platform?: NodeJS.Platform;
  /** The environment the opener sees (XDG_* on Linux): the process's own by default. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Hands a mailto: link to the system's mail program: true once the opener succeeded (or
 * is still running the program it started, as xdg-open does without a desktop session),
 * false when no program answered. On Linux the default mailto: handler is asked first:
 * without one, xdg-open would hand the link to any web browser it finds.
 */
export async function openMailDraft(mailto: string, options: MailOpenerOptions = {}): Promise<boolean> {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  if (platform !== 'darwin' && platform !== 'win32') {
    const handler = await output('xdg-mime', ['query', 'default', 'x-scheme-handler/mailto'], env);
    if (!handler?.trim()) return false;
  }
  // cmd's start would split the link at the `&` between subject and body: Windows opens it through the shell's handler.
  const [command, args] =
    platform === 'win32'
      ? ['rundll32', ['url.dll,FileProtocolHandler', mailto]]
      : systemOpener(mailto, platform);
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore', windowsHide: true, env });
    const timer = setTimeout(() => {
      child.unref();
      resolve(true);
    }, STILL_RUNNING_MS);
    child.once('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
  });
}

/** A command's standard output, or null when it is missing or fails. */
function output(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(command, args, { env, timeout: STILL_RUNNING_MS }, (error, stdout) =>
      resolve(error ? null : stdout),
    );
  });
}
