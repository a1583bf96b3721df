import { utilityProcess } from 'electron';
import type { StartHelper } from '../core/vault/helper-process';

/**
 * The keychain helper as an Electron utility process: the packaged app has the runAsNode fuse off,
 * so Node's fork of the Electron binary would start a second TokenTray instead of the helper.
 */
export const startUtilityHelper: StartHelper = (script) => {
  const child = utilityProcess.fork(script, [], {
    serviceName: 'TokenTray keychain',
    // The helper prints nothing; its stderr is kept only for a start-up failure (a missing file).
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  const exitListeners: Array<() => void> = [];
  child.on('exit', () => {
    if (exited) return;
    exited = true;
    for (const listener of exitListeners) listener();
  });
  return {
    get pid() {
      return child.pid;
    },
    send: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => exitListeners.push(listener),
    kill: () => void child.kill(),
    // Electron's utility processes never keep the app from quitting, and end with it.
    hold: () => undefined,
  };
};
