/**
 * Bundles the Electron shell: `--mode main` builds dist/electron/main.js (ESM, for
 * Electron's Node) with the keychain helper beside it, and `--mode preload` builds
 * dist/electron/preload.cjs (CommonJS, because a sandboxed preload cannot load ES modules).
 *
 *   vite build -c build/vite.electron.config.ts --mode main
 *   vite build -c build/vite.electron.config.ts --mode preload
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin, UserConfig } from 'vite';
import { defineConfig } from 'vite';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ELECTRON_OUT_DIR = join(ROOT, 'dist', 'electron');
/** The keychain helper's file name, the same in the sources and beside main.js. */
const KEYCHAIN_HELPER = 'keychain-helper.mjs';

const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
};

/**
 * Left to Node at run time: Electron itself, Node's modules, and the production
 * dependencies, which electron-builder ships in node_modules (keytar is native
 * and must stay a real module; electron-store and conf read the app's paths).
 */
const MAIN_EXTERNALS = [
  'electron',
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
  ...Object.keys(packageJson.dependencies ?? {}),
];

function isMainExternal(id: string): boolean {
  return MAIN_EXTERNALS.some((name) => id === name || id.startsWith(`${name}/`));
}

/** The tray and window icons travel with main, so the packaged app finds them beside main.js. */
function copyIcons(): Plugin {
  return copyIntoOutput('tokentray-copy-icons', (outDir) => {
    const target = join(outDir, 'icons');
    mkdirSync(target, { recursive: true });
    const tray = join(ROOT, 'build', 'icons', 'tray');
    for (const name of readdirSync(tray)) copyFileSync(join(tray, name), join(target, name));
    copyFileSync(join(ROOT, 'build', 'icons', '256x256.png'), join(target, 'app.png'));
  });
}

/**
 * The keychain helper runs as a process of its own, so it is a file beside main.js, not bundled:
 * the vault finds it next to its own module (`new URL('./keychain-helper.mjs', import.meta.url)`).
 */
function copyKeychainHelper(): Plugin {
  return copyIntoOutput('tokentray-copy-keychain-helper', (outDir) => {
    copyFileSync(join(ROOT, 'main', 'core', 'vault', KEYCHAIN_HELPER), join(outDir, KEYCHAIN_HELPER));
  });
}

/** A build step that copies files into the output folder (as configured) once the bundle is written there. */
function copyIntoOutput(name: string, copy: (outDir: string) => void): Plugin {
  let outDir = ELECTRON_OUT_DIR;
  return {
    name,
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle() {
      copy(outDir);
    },
  };
}

const main: UserConfig = {
  root: ROOT,
  publicDir: false,
  logLevel: 'warn',
  plugins: [copyIcons(), copyKeychainHelper()],
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: join(ROOT, 'main', 'electron', 'main.ts'),
    outDir: ELECTRON_OUT_DIR,
    emptyOutDir: false,
    target: 'node22',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      external: isMainExternal,
      output: { format: 'es', entryFileNames: 'main.js' },
    },
  },
};

const preload: UserConfig = {
  root: ROOT,
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: ELECTRON_OUT_DIR,
    emptyOutDir: false,
    target: 'chrome130',
    minify: false,
    lib: {
      entry: join(ROOT, 'preload', 'index.ts'),
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rollupOptions: {
      // Everything else (the contract and zod) is bundled: a sandboxed preload can require only electron.
      external: ['electron'],
      // zod's comments confuse Rollup's annotation parser; they are harmless, and not ours to fix.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
};

export default defineConfig(({ mode }) => {
  if (mode === 'main') return main;
  if (mode === 'preload') return preload;
  throw new Error(`Build the Electron shell with --mode main or --mode preload (got "${mode}").`);
});
