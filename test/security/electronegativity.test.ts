import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Electron hardening: Doyensec's Electronegativity over the Electron
 * shell, the preload and the renderer, with nothing above informational left
 * except the findings electronegativity-allowlist.json explains.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ELECTRON_SOURCES = ['main/electron', 'preload', 'renderer', 'package.json'];

interface Finding {
  id: string;
  file: string;
  location: { line: number; column: number };
  description: string;
  severity: { name: string };
}
interface ParseError {
  file: string;
  message: string;
  tolerable: boolean;
}
interface ScanResult {
  issues: Finding[];
  errors: ParseError[];
}
interface Allowlist {
  excludedChecks: { check: string; reason: string }[];
  allowed: { check: string; file: string; reason: string }[];
}

const require = createRequire(import.meta.url);
const allowlist = JSON.parse(
  await readFile(new URL('electronegativity-allowlist.json', import.meta.url), 'utf8'),
) as Allowlist;

let stage: string;
let result: ScanResult;

beforeAll(async () => {
  // One input folder, so the global checks (CSP, navigation limits…) see the whole app at once.
  stage = await mkdtemp(join(tmpdir(), 'tokentray-electronegativity-'));
  for (const source of ELECTRON_SOURCES)
    await cp(join(ROOT, source), join(stage, source), { recursive: true });
  const run = loadOffline();
  result = await run({
    input: stage,
    isRelative: true,
    excludeFromScan: allowlist.excludedChecks.map((entry) => entry.check),
  });
}, 30_000);

afterAll(async () => {
  if (stage) await rm(stage, { recursive: true, force: true });
});

describe('electronegativity over the Electron shell, preload and renderer', () => {
  it('parses every source file, so no file escapes the checks', () => {
    expect(result.errors.map((error) => `${error.file}: ${error.message}`)).toEqual([]);
  });

  it('finds nothing above informational that the allow-list does not explain', () => {
    const unexplained = result.issues
      .filter((issue) => issue.severity.name !== 'INFORMATIONAL' && !isAllowed(issue))
      .map(
        (issue) =>
          `${issue.id} ${issue.severity.name} ${issue.file}:${issue.location.line} ${issue.description}`,
      );
    expect(unexplained).toEqual([]);
  });

  it('has no allow-list entry that no finding uses any more', () => {
    const stale = allowlist.allowed.filter(
      (entry) => !result.issues.some((issue) => issue.id === entry.check && issue.file === entry.file),
    );
    expect(stale).toEqual([]);
  });

  it('gives a reason for every allowed finding and excluded check', () => {
    for (const entry of [...allowlist.allowed, ...allowlist.excludedChecks])
      expect(entry.reason.length, entry.check).toBeGreaterThan(20);
  });
});

function isAllowed(issue: Finding): boolean {
  return allowlist.allowed.some((entry) => entry.check === issue.id && entry.file === issue.file);
}

/**
 * Electronegativity asks S3 for translations (and GitHub for release data) through `got`:
 * its copy of `got` is replaced by one that refuses at once, so the scan never goes online.
 */
function loadOffline(): (options: Record<string, unknown>) => Promise<ScanResult> {
  const packageDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
  const gotPath = require.resolve('got', { paths: [join(packageDir, 'dist')] });
  const offline = Object.assign(() => Promise.reject(new Error('offline')), {
    head: () => Promise.reject(new Error('offline')),
  });
  const stub = new Module(gotPath);
  stub.filename = gotPath;
  stub.loaded = true;
  stub.exports = offline;
  require.cache[gotPath] = stub;
  return require(packageDir) as (options: Record<string, unknown>) => Promise<ScanResult>;
}
