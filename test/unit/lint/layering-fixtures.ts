/**
 * Deliberate layering violations, as source text linted under a path in a layer. They are
 * strings so that neither the compiler nor the normal lint run ever sees them as code.
 */
export interface LayeringFixture {
  /** Where the text is linted as if it lived, from the repository root. */
  file: string;
  code: string;
}

export const VIOLATIONS: Record<string, LayeringFixture> = {
  'the core imports a host': {
    file: 'main/core/api/reaches-a-host.ts',
    code: "import { handleApiCall } from '../../web-host/api-route';\nexport const route = handleApiCall;\n",
  },
  'the core imports the window': {
    file: 'main/core/view/reaches-the-window.ts',
    code: "export { getBridge } from '../../../renderer/api/bridge';\n",
  },
  'the core imports the preload': {
    file: 'main/core/reaches-the-preload.ts',
    code: "import type { IpcRendererLike } from '../../preload/ipc-bridge';\nexport type Ipc = IpcRendererLike;\n",
  },
  'the core imports Electron': {
    file: 'main/core/engine/reaches-electron.ts',
    code: "import { powerMonitor } from 'electron';\nexport const monitor = powerMonitor;\n",
  },
  'the browser host imports the Electron shell': {
    file: 'main/web-host/reaches-the-shell.ts',
    code: "import { registerIpc } from '../electron/ipc';\nexport const register = registerIpc;\n",
  },
  'the preload imports the core beyond the contract': {
    file: 'preload/reaches-the-core.ts',
    code: "import { API_INPUTS } from '../main/core/api/api-inputs';\nexport const inputs = API_INPUTS;\n",
  },
  'the preload imports zod': {
    file: 'preload/reaches-zod.ts',
    code: "import { z } from 'zod';\nexport const schema = z.string();\n",
  },
  'the window imports core code that is not on its list': {
    file: 'renderer/api/reaches-the-dispatcher.ts',
    code: "import { createDispatcher } from '../../main/core/api/dispatch';\nexport const dispatcher = createDispatcher;\n",
  },
};

export const ALLOWED: Record<string, LayeringFixture> = {
  'the window imports core types': {
    file: 'renderer/api/core-types.ts',
    code: "import type { Connection } from '../../main/core/domain';\nexport type Shown = Connection;\n",
  },
  'the window imports a pure core module on its list': {
    file: 'renderer/format/dates.ts',
    code: "import { dateOrNull } from '../../main/core/domain/time-range';\nexport const date = dateOrNull;\n",
  },
  'the preload imports the contract': {
    file: 'preload/contract.ts',
    code: "import { API_METHODS } from '../main/core/api/api-methods';\nexport const methods = API_METHODS;\n",
  },
  'the Electron shell imports the core': {
    file: 'main/electron/core.ts',
    code: "import { createCoreApi } from '../core/api/core-api';\nexport const api = createCoreApi;\n",
  },
};
