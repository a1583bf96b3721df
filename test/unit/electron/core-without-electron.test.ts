import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const CORE = join(ROOT, 'main', 'core');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) ? [path] : [];
  });
}

/** import … from 'electron', import('electron'), require('electron'), and electron-store alike. */
const ELECTRON_IMPORT =
  /(?:from\s*|import\s*\(\s*|require\s*\(\s*|import\s+)['"](electron|electron-store)(?:\/[^'"]*)?['"]/;

describe('the core', () => {
  it('is plain Node: no file under main/core imports electron or electron-store', () => {
    const files = sourceFiles(CORE);
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter((file) => ELECTRON_IMPORT.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => relative(ROOT, file))).toEqual([]);
  });

  it('would be caught if it did', () => {
    expect(ELECTRON_IMPORT.test("import { app } from 'electron';")).toBe(true);
    expect(ELECTRON_IMPORT.test('const { app } = require("electron")')).toBe(true);
    expect(ELECTRON_IMPORT.test("await import('electron-store')")).toBe(true);
    expect(ELECTRON_IMPORT.test("import type { App } from 'electron/main';")).toBe(true);
    expect(ELECTRON_IMPORT.test('// conf and electron-store share a file format')).toBe(false);
  });
});
