import { execFile } from 'node:child_process';

/** The built command line (`npm run build:cli`), as `npx tokentray` runs it. */
const TOKENTRAY_CLI = 'dist/cli/tokentray.cjs';

export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `tokentray --profile <profile> ...args`; resolves with its exit code and output, never
 * rejects. Never synchronously: the instance it talks to may answer from this very process.
 */
export function runTokentray(profile: string, ...args: string[]): Promise<CommandRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [TOKENTRAY_CLI, '--profile', profile, ...args], (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
