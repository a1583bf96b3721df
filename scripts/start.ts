/**
 * `npm start`: the Electron app where its binary is installed; otherwise one line
 * saying so (on stderr, so stdout keeps the browser host's one URL line) and the
 * browser host with the same arguments.
 *
 *   npx tsx scripts/start.ts [--profile DIR] [--keychain-service NAME] [--port N] [--no-open]
 *
 * It never loads the `electron` package in Node (its index.js would download with
 * noisy output); the files are checked directly, and when the binary is missing
 * electron's installer is tried once, quietly, before falling back.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ELECTRON_CONFIG = join(ROOT, 'build', 'vite.electron.config.ts');
const RENDERER_CONFIG = join(ROOT, 'renderer', 'vite.config.ts');
const ELECTRON_MAIN = join(ROOT, 'dist', 'electron', 'main.js');
const BROWSER_HOST_CLI = join(ROOT, 'main', 'web-host', 'cli.ts');

export const FALLBACK_LINE =
  'The Electron binary is not installed (it cannot be downloaded here); starting the browser host instead.';

/**
 * The Electron executable as electron's own index.js would find it (path.txt
 * names it inside dist/, or inside ELECTRON_OVERRIDE_DIST_PATH), or null when
 * it is not on disk.
 */
export function electronBinaryPath(electronDir: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const pathFile = join(electronDir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override
    ? join(override, name || 'electron')
    : name
      ? join(electronDir, 'dist', name)
      : null;
  return binary !== null && existsSync(binary) ? binary : null;
}

/** The window, main and preload, built as the app runs them. */
async function buildElectronApp(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: RENDERER_CONFIG, logLevel: 'warn' });
  await build({ configFile: ELECTRON_CONFIG, mode: 'main', logLevel: 'warn' });
  await build({ configFile: ELECTRON_CONFIG, mode: 'preload', logLevel: 'warn' });
}

/**
 * Runs the child in the foreground and ends with its exit code. Ctrl+C reaches
 * the child from the terminal itself; a SIGTERM sent to the launcher alone is
 * passed on.
 */
function runChild(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const child = spawn(command, args, { stdio: 'inherit', env });
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('error', (error) => {
    console.error(`TokenTray could not start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/**
 * electron's own installer, run quietly: the binary is fetched on first start, not
 * at `npm install`. Without network it fails within seconds and we fall back.
 */
function tryDownloadElectron(electronDir: string): Promise<void> {
  const installer = join(electronDir, 'install.js');
  if (!existsSync(installer)) return Promise.resolve();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installer], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), DOWNLOAD_TIMEOUT_MS);
    child.on('error', () => resolve());
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const DOWNLOAD_TIMEOUT_MS = 180_000;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const electronDir = join(ROOT, 'node_modules', 'electron');
  let electron = electronBinaryPath(electronDir);
  if (electron === null && process.env.TOKENTRAY_NO_ELECTRON_DOWNLOAD !== '1') {
    await tryDownloadElectron(electronDir);
    electron = electronBinaryPath(electronDir);
  }
  if (electron !== null) {
    await buildElectronApp();
    // Inherited, it would make the Electron binary run as plain Node.
    const { ELECTRON_RUN_AS_NODE: _ignored, ...env } = process.env;
    runChild(electron, [ELECTRON_MAIN, ...args], env);
    return;
  }
  console.error(FALLBACK_LINE);
  if (process.env.TOKENTRAY_SKIP_BUILD !== '1') {
    const { build } = await import('vite');
    await build({ configFile: RENDERER_CONFIG, logLevel: 'warn' });
  }
  runChild(process.execPath, ['--import', 'tsx', BROWSER_HOST_CLI, ...args], process.env);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
