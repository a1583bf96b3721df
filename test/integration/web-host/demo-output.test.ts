import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { printedUrls, urlsWithTrailingPunctuation } from '../../support/printed-urls';

let profile: string | null = null;
afterEach(() => {
  if (profile) rmSync(profile, { recursive: true, force: true });
  profile = null;
});

describe('npm run demo', () => {
  it('prints the simulator, OAuth server and window URLs with nothing stuck to their ends', async () => {
    profile = mkdtempSync(join(tmpdir(), 'tokentray-demo-output-'));
    const child = spawn('npx', ['tsx', 'scripts/demo.ts', '--port', '0', '--no-open', '--profile', profile], {
      detached: true,
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    const closed = once(child, 'close');
    try {
      while (!out.includes('\n')) {
        if (child.exitCode !== null) throw new Error('the demo exited before printing its URL');
        await once(child.stdout, 'data');
      }
    } finally {
      // SIGTERM as Ctrl+C would: the demo deletes its secrets from the keychain on the way out.
      process.kill(-(child.pid ?? 0), 'SIGTERM');
      await closed;
    }
    const printed = `${err}${out}`;
    const urls = printedUrls(printed).map(({ url }) => url);
    expect(err).toMatch(/^Partner simulator: http:\/\/127\.0\.0\.1:\d+$/m);
    expect(err).toMatch(/^OAuth server: http:\/\/127\.0\.0\.1:\d+\S*$/m);
    expect(out).toMatch(/^TokenTray is running at http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/m);
    expect(urls.length).toBeGreaterThanOrEqual(3);
    expect(urlsWithTrailingPunctuation(printed)).toEqual([]);
  }, 120_000);
});
