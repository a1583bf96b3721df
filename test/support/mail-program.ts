import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A freedesktop.org desktop session's view of mail programs, for xdg-open and xdg-mime:
 * either one registered mailto: handler (a script that writes down the link it was given)
 * or none at all. Only the XDG variables and a display point into a fresh folder.
 */
export interface MailDesktop {
  /** The environment the host runs xdg-open in. */
  env: NodeJS.ProcessEnv;
  /** The mailto: link the handler received; null when none was handed to it. */
  received(): Promise<string | null>;
  /** Removes the folder, with the link (and the token in it) that the handler wrote down. */
  dispose(): Promise<void>;
}

export async function mailDesktop(options: { withMailProgram: boolean }): Promise<MailDesktop> {
  const root = await mkdtemp(join(tmpdir(), 'tokentray-mail-'));
  const data = join(root, 'data');
  const config = join(root, 'config');
  const receivedFile = join(root, 'received.txt');
  await mkdir(join(data, 'applications'), { recursive: true });
  await mkdir(config, { recursive: true });
  if (options.withMailProgram) {
    const script = join(root, 'mail-program.sh');
    await writeFile(script, `#!/bin/sh\nprintf '%s' "$1" > '${receivedFile}'\n`);
    await chmod(script, 0o755);
    await writeFile(
      join(data, 'applications', 'tokentray-test-mail.desktop'),
      `[Desktop Entry]\nType=Application\nName=Test mail\nExec=${script} %u\nMimeType=x-scheme-handler/mailto;\n`,
    );
    await writeFile(
      join(config, 'mimeapps.list'),
      '[Default Applications]\nx-scheme-handler/mailto=tokentray-test-mail.desktop\n',
    );
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_DATA_HOME: data,
    XDG_CONFIG_HOME: config,
    // Not the system's /usr/share/applications: its browsers would claim mailto: too.
    XDG_DATA_DIRS: data,
    // xdg-open consults the desktop's handlers only when a display is there; none is opened.
    DISPLAY: process.env.DISPLAY ?? ':99',
  };
  delete env.XDG_CURRENT_DESKTOP;
  delete env.DESKTOP_SESSION;
  delete env.BROWSER;
  return {
    env,
    received: () => readFile(receivedFile, 'utf8').catch(() => null),
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}
