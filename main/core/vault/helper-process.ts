import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The keychain helper's script, beside this module in the sources and beside main.js in the Electron bundle. */
export const KEYCHAIN_HELPER_SCRIPT = fileURLToPath(new URL('./keychain-helper.mjs', import.meta.url));

/** A running keychain helper as the vault sees it, whatever started it. */
export interface HelperProcess {
  readonly pid: number | undefined;
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once, when the process has ended or could not start. */
  onExit(listener: () => void): void;
  kill(): void;
  /** Whether the helper keeps the app alive: only while it owes an answer. */
  hold(held: boolean): void;
}

/** Starts the helper script; Electron's main passes one built on its utility process. */
export type StartHelper = (script: string) => HelperProcess;

/**
 * The helper as a Node child process with an IPC channel. Under Electron's own binary it runs as
 * Node (ELECTRON_RUN_AS_NODE), which a packaged app with the runAsNode fuse off ignores: that app
 * passes its own StartHelper.
 */
export const forkHelper: StartHelper = (script) => {
  // The helper makes no TLS connection and needs no loader (tsx, vitest): Node reads extra CA
  // certificates at start-up, which can take longer than everything else the helper does.
  const { NODE_EXTRA_CA_CERTS: _certificates, NODE_OPTIONS: _options, ...env } = process.env;
  const child = fork(script, [], {
    env: { ...env, ELECTRON_RUN_AS_NODE: '1' },
    execArgv: [],
    // The helper prints nothing; its stderr is kept only for a start-up failure (a missing file).
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    serialization: 'json',
  });
  let exited = false;
  const exitListeners: Array<() => void> = [];
  const exit = () => {
    if (exited) return;
    exited = true;
    for (const listener of exitListeners) listener();
  };
  child.on('exit', exit);
  child.on('error', exit);
  return {
    get pid() {
      return child.pid;
    },
    send(message) {
      // A channel that closed meanwhile reports through 'exit'; the callback keeps it from throwing.
      if (child.connected) child.send(message as object, (error) => error && child.kill('SIGKILL'));
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => exitListeners.push(listener),
    kill: () => child.kill('SIGKILL'),
    hold(held) {
      if (held) {
        child.ref();
        child.channel?.ref();
      } else {
        child.unref();
        child.channel?.unref();
      }
    },
  };
};
