import { appendFileSync } from 'node:fs';

/**
 * Opt-in: writes every secret the simulator issues to a file, one a line, so a test run
 * can afterwards search its logs and stores for them. Synchronous, so a worker that dies
 * mid-test has still recorded everything it handed out.
 */
export type SecretRecorder = (secret: string) => void;

export function secretRecorder(path: string): SecretRecorder {
  return (secret) => appendFileSync(path, `${secret}\n`, { mode: 0o600 });
}
