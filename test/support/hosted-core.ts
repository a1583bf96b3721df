import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebHost } from '../../main/web-host/server';
import type { WebHost } from '../../main/web-host/server';
import { startCoreHarness } from './core-harness';
import type { CoreHarness } from './core-harness';

/** A core served by the browser host on 127.0.0.1, with an empty renderer folder: its API over HTTP. */
export interface HostedCore {
  harness: CoreHarness;
  host: WebHost;
  /** Stops the host, then the core, and removes the renderer folder. */
  close(): Promise<void>;
}

export async function startHostedCore(): Promise<HostedCore> {
  const harness = await startCoreHarness();
  const rendererDir = await mkdtemp(join(tmpdir(), 'tokentray-renderer-'));
  const host = await startWebHost({ core: harness.core, port: 0, rendererDir });
  return {
    harness,
    host,
    async close() {
      await host.close();
      await harness.close();
      await rm(rendererDir, { recursive: true, force: true });
    },
  };
}
