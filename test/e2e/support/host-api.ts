import type { ApiErrorBody, TokenTrayApi } from '../../../main/core/api/api-contract';
import type { ApiMethod } from '../../../main/core/api/api-methods';
import type { BrowserHost } from './browser-host';

type Args<M extends ApiMethod> = Parameters<TokenTrayApi[M]>;
type Result<M extends ApiMethod> = Awaited<ReturnType<TokenTrayApi[M]>>;

/** An API error as the host sent it; its message and field errors never quote a secret. */
export class HostApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(`${body.code} (HTTP ${status}): ${body.message}`);
  }
}

/**
 * The browser host's API as a non-browser client calls it (the token header, no Origin):
 * for setting things up faster than the forms and for reading what was stored.
 */
export function hostApi(host: BrowserHost) {
  return async function call<M extends ApiMethod>(method: M, ...args: Args<M>): Promise<Result<M>> {
    const response = await fetch(`${host.origin}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tokentray-token': host.token },
      body: JSON.stringify(args),
    });
    const body = (await response.json()) as { result?: unknown; error?: ApiErrorBody };
    if (!response.ok || body.error) {
      throw new HostApiError(
        response.status,
        body.error ?? { code: 'unexpected', message: 'No error body.', guidance: [] },
      );
    }
    return body.result as Result<M>;
  };
}

export type HostApi = ReturnType<typeof hostApi>;
