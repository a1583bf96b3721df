import type { TokenTrayApi } from '../../../main/core/api/api-contract';
import type { ApiMethod } from '../../../main/core/api/api-methods';
import { createCoreApi } from '../../../main/core/api/core-api';
import type { HostCapabilities } from '../../../main/core/api/core-api';
import { createDispatcher } from '../../../main/core/api/dispatch';
import type { DispatchResult } from '../../../main/core/api/dispatch';
import type { TokenTrayCore } from '../../../main/core/app';

export interface ApiClient {
  /** A call as a host makes it (through the dispatcher); throws with the error code on failure. */
  call<M extends ApiMethod>(
    method: M,
    ...args: Parameters<TokenTrayApi[M]>
  ): Promise<Awaited<ReturnType<TokenTrayApi[M]>>>;
  /** The raw answer, for calls expected to fail. */
  dispatch(method: string, args: unknown): Promise<DispatchResult>;
}

export function apiClient(core: TokenTrayCore, host: HostCapabilities = { kind: 'browser' }): ApiClient {
  const dispatch = createDispatcher(createCoreApi(core, host));
  return {
    dispatch,
    async call(method, ...args) {
      const answer = await dispatch(method, args);
      if (!answer.ok) {
        throw new Error(
          `${method} failed: ${answer.error.code} ${JSON.stringify(answer.error.fieldErrors ?? {})}`,
        );
      }
      return answer.result as never;
    },
  };
}
