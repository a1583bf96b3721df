import type { TokenTrayDeps } from '../../../main/core/app';
import { TokenTrayCore } from '../../../main/core/app';
import { AxiosHttpClient } from '../../../main/core/http/axios-http-client';
import type { WorkspaceOptions } from '../../../main/core/workspace/open-workspace';
import { Workspace } from '../../../main/core/workspace/open-workspace';

/**
 * A workspace instance as the tests run it, its core started: a dead instance's renewals are
 * swept up within 200 ms and without a grace period, so a test need not wait for them.
 */
export async function startWorkspaceInstance(
  options: Pick<WorkspaceOptions, 'url' | 'member'> & Partial<WorkspaceOptions>,
  deps: Omit<TokenTrayDeps, 'workspace'>,
): Promise<{ core: TokenTrayCore; workspace: Workspace }> {
  const workspace = await Workspace.open({ sweepMs: 200, lease: { reconnectGraceMs: 0 }, ...options });
  const core = new TokenTrayCore({ workspace, http: new AxiosHttpClient(), ...deps });
  await core.start();
  return { core, workspace };
}
