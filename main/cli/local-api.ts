import { Agent, request as httpRequest } from 'node:http';
import type { ApiErrorBody, ApiErrorCode, TokenTrayApi } from '../core/api/api-contract';
import type { ApiMethod } from '../core/api/api-methods';
import { pathOf } from '../core/api/api-methods';
import { isAlive } from '../core/store/process-alive';
import { readInstanceFile } from '../web-host/instance-file';
import type { InstanceAddress } from '../web-host/instance-file';
import { TOKEN_HEADER } from '../web-host/request-guard';
import type { ExitCode } from './exit-codes';
import { CommandFailure, EXIT } from './exit-codes';

type Result<M extends ApiMethod> = Awaited<ReturnType<TokenTrayApi[M]>>;

/** The running instance's API, as a script may call it. */
export interface LocalApi {
  call<M extends ApiMethod>(method: M, ...args: Parameters<TokenTrayApi[M]>): Promise<Result<M>>;
  /** Lets the process exit: the kept-alive connection would hold it open. */
  close(): void;
}

/** Errors of the instance whose meaning a script may want from the exit code. */
const EXIT_BY_ERROR_CODE: Partial<Record<ApiErrorCode, ExitCode>> = {
  not_found: EXIT.notFound,
  keychain_unavailable: EXIT.locked,
  secrets_locked: EXIT.locked,
  profile_locked: EXIT.locked,
  no_token: EXIT.needsAction,
};

/** The instance that runs `profileDir`, from the address file it keeps there; throws when none runs. */
export function connectToInstance(profileDir: string, timeoutMs: number): LocalApi {
  const address = readInstanceFile(profileDir);
  if (!address || !isAlive(address.pid)) throw notRunning(profileDir, address !== undefined);
  // One connection for the command's few calls; node:http starts faster than fetch, which loads undici.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return {
    async call<M extends ApiMethod>(method: M, ...args: Parameters<TokenTrayApi[M]>): Promise<Result<M>> {
      const answer = await post(address, agent, method, args, timeoutMs).catch((error: unknown) => {
        if (error instanceof CommandFailure) throw error;
        // Refused: the file outlived its instance (or another process took the pid).
        throw notRunning(profileDir, true);
      });
      // 401: the file is from an earlier instance whose port another one now has.
      if (answer.status === 401) throw notRunning(profileDir, true);
      const body = parseBody(answer.text);
      if (answer.status === 200 && body && 'result' in body) return body.result as Result<M>;
      const error = body?.error;
      const message = error
        ? [error.message, ...error.guidance].join('\n')
        : `TokenTray answered ${answer.status}.`;
      throw new CommandFailure((error && EXIT_BY_ERROR_CODE[error.code]) ?? EXIT.failed, message);
    },
    close: () => agent.destroy(),
  };
}

function parseBody(text: string): { result?: unknown; error?: ApiErrorBody } | null {
  try {
    return JSON.parse(text) as { result?: unknown; error?: ApiErrorBody };
  } catch {
    return null;
  }
}

function post(
  address: InstanceAddress,
  agent: Agent,
  method: ApiMethod,
  args: unknown[],
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
  const body = JSON.stringify(args);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${address.origin}${pathOf(method)}`,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          [TOKEN_HEADER]: address.token,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    // One deadline for the whole call: a renewal the instance waits on counts too.
    request.setTimeout(timeoutMs, () =>
      request.destroy(
        new CommandFailure(EXIT.failed, `TokenTray did not answer within ${Math.round(timeoutMs / 1000)} s.`),
      ),
    );
    request.on('error', reject);
    request.end(body);
  });
}

function notRunning(profileDir: string, stale: boolean): CommandFailure {
  return new CommandFailure(
    EXIT.notRunning,
    `TokenTray is not running for the profile ${profileDir}` +
      (stale ? ' (the address it left is from an instance that has stopped).' : '.') +
      '\nStart it with `npm start`, or `npm run serve -- --profile DIR` for the browser host, then try again.',
  );
}
