import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SESSION_CONF = fileURLToPath(new URL('./fixtures/session.conf', import.meta.url));

export interface SessionRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a fixture script in a D-Bus session of its own (no service activation, so a stopped keyring
 * stays stopped), from the repository's root. The whole process group is killed past the deadline.
 */
export function runInPrivateSession(script: string, args: string[], deadlineMs: number): Promise<SessionRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('dbus-run-session', ['--config-file', SESSION_CONF, '--', 'bash', script, ...args], {
      cwd: REPO_ROOT,
      detached: true,
      env: { ...process.env, NODE_BIN: process.execPath },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const deadline = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, deadlineMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(deadline);
      resolve({ code, stdout, stderr });
    });
  });
}
