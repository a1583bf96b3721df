import type { TokenTrayBridge } from './api';

declare global {
  interface Window {
    /** Exposed by Electron's preload (preload/index.ts); absent in the browser host. */
    tokentray?: TokenTrayBridge;
  }
}

export {};
