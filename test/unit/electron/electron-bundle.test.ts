import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, channelOf } from '../../../main/core/api/api-methods';

const ROOT = join(import.meta.dirname, '../../..');
const CONFIG = join(ROOT, 'build', 'vite.electron.config.ts');
const packageJson = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'tokentray-electron-build-'));
  // The real config, built into a temporary folder instead of dist/electron.
  for (const mode of ['main', 'preload']) {
    await build({ configFile: CONFIG, mode, logLevel: 'error', build: { outDir } });
  }
}, 120_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

/** What zod leaves in a bundle that holds it: its package name in a require or import, or its classes. */
const ZOD_MARKERS = /["']zod["']|\bZodError\b|\$ZodType\b/;

/** Every module specifier a bundle asks for at run time. */
function importsOf(code: string): string[] {
  const found = new Set<string>();
  for (const match of code.matchAll(/^\s*import\s+(?:[^'"]*?\sfrom\s+)?["']([^"']+)["']/gm))
    found.add(match[1]!);
  for (const match of code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) found.add(match[1]!);
  for (const match of code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) found.add(match[1]!);
  return [...found].sort();
}

describe('the Electron bundles', () => {
  it('produce main.js, preload.cjs and the tray icons', async () => {
    const files = await readdir(outDir);
    expect(files).toEqual(expect.arrayContaining(['main.js', 'preload.cjs', 'icons']));
    expect((await readdir(join(outDir, 'icons'))).sort()).toEqual(
      [
        'app.png',
        'tray-expiring-16.png',
        'tray-expiring-32.png',
        'tray-healthy-16.png',
        'tray-healthy-32.png',
        'tray-needs-action-16.png',
        'tray-needs-action-32.png',
      ].sort(),
    );
  });

  it('build main as an ES module that leaves only Electron, Node and the shipped dependencies to run time', async () => {
    const code = await readFile(join(outDir, 'main.js'), 'utf8');
    expect(code).not.toMatch(/\brequire\(/);
    const allowed = new Set(['electron', ...builtinModules, ...Object.keys(packageJson.dependencies)]);
    const imports = importsOf(code);
    expect(imports).toEqual(expect.arrayContaining(['electron', 'electron-store']));
    expect(imports.filter((name) => !allowed.has(name.replace(/^node:/, '')))).toEqual([]);
  });

  it('ship the keychain helper beside main.js, which finds it there and leaves keytar to it', async () => {
    const main = await readFile(join(outDir, 'main.js'), 'utf8');
    const helper = await readFile(join(outDir, 'keychain-helper.mjs'), 'utf8');
    expect(main).toMatch(/new URL\(["']\.\/keychain-helper\.mjs["'], import\.meta\.url\)/);
    expect(importsOf(helper)).toEqual(['keytar']);
  });

  it('build preload as CommonJS that requires nothing but electron', async () => {
    const code = await readFile(join(outDir, 'preload.cjs'), 'utf8');
    expect(importsOf(code)).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*import\s/m);
  });

  it('leave zod out of preload: the contract it imports is names and types, the schemas stay in main', async () => {
    const code = await readFile(join(outDir, 'preload.cjs'), 'utf8');
    expect(code).not.toMatch(ZOD_MARKERS);
    expect(await readFile(join(outDir, 'main.js'), 'utf8')).toMatch(ZOD_MARKERS);
  });

  it('expose exactly window.tokentray with every API method, each invoking its own channel', async () => {
    const code = await readFile(join(outDir, 'preload.cjs'), 'utf8');
    const exposed = new Map<string, Record<string, (...args: unknown[]) => unknown>>();
    const invoked: unknown[][] = [];
    // Electron's modules stand in for the sandbox's require: the real ones need the binary.
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: never) => exposed.set(key, api) },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => {
          invoked.push(args);
          return { ok: true, result: 'answer' };
        },
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    const module = { exports: {} };
    runInNewContext(code, {
      require: (name: string) => {
        if (name !== 'electron') throw new Error(`preload asked for ${name}`);
        return electron;
      },
      module,
      exports: module.exports,
    });
    expect([...exposed.keys()]).toEqual(['tokentray']);
    const api = exposed.get('tokentray')!;
    expect(Object.keys(api).sort()).toEqual([...API_METHODS, 'onEvent'].sort());
    await expect(api.renewNow!('c1')).resolves.toBe('answer');
    expect(invoked).toEqual([[channelOf('renewNow'), 'c1']]);
  });
});
