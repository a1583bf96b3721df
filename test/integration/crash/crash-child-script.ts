import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const SOURCE = fileURLToPath(new URL('./fixtures/crash-child.ts', import.meta.url));
/** The vault starts its keychain helper from beside its own module: here, beside the bundle. */
const KEYCHAIN_HELPER = fileURLToPath(
  new URL('../../../main/core/vault/keychain-helper.mjs', import.meta.url),
);
// Inside node_modules, so the bundle's one outside import (keytar) resolves as the app's does.
const CACHE = fileURLToPath(new URL('../../../node_modules/.cache/tokentray-crash/', import.meta.url));

const scripts = new Map<string, Promise<string>>();

/**
 * The child fixture bundled once with esbuild (what tsx runs on): a kill test restarts the process
 * hundreds of times, and the bundle boots in about a quarter second where tsx's loader takes one to two.
 */
export function crashChildScript(): Promise<string> {
  return bundledChildScript(SOURCE);
}

/** Another child fixture (a path to its .ts file), bundled the same way. */
export function bundledChildScript(source: string): Promise<string> {
  let script = scripts.get(source);
  if (!script) {
    script = bundle(source);
    scripts.set(source, script);
  }
  return script;
}

async function bundle(source: string): Promise<string> {
  const result = await build({
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Everything in one file loads in a quarter of the time; keytar is native and loads from node_modules
    // (pg-native is node-postgres's optional native driver, never used).
    external: ['keytar', 'pg-native'],
    // Bundled CommonJS packages (conf's dependencies) call require.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  // Named by content, so concurrent test processes write the same file, each atomically.
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const path = join(CACHE, `crash-child-${hash}.mjs`);
  mkdirSync(CACHE, { recursive: true });
  if (!existsSync(path)) {
    const partial = `${path}.${process.pid}.tmp`;
    writeFileSync(partial, code);
    renameSync(partial, path);
  }
  const helper = join(CACHE, 'keychain-helper.mjs');
  const partialHelper = `${helper}.${process.pid}.tmp`;
  copyFileSync(KEYCHAIN_HELPER, partialHelper);
  renameSync(partialHelper, helper);
  return path;
}
