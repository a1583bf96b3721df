import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TokenTrayError } from '../domain/errors';
import type { DurationMs } from '../domain/ids';
import type { Clock } from '../domain/clock';
import { callbackPage } from './callback-page';

export const CALLBACK_PATH = '/callback';

export interface CallbackListener {
  /** RFC 8252 §7.3: `http://127.0.0.1:<port>/callback`, an IP literal, never `localhost`. */
  redirectUri: string;
  port: number;
  /** The one callback's full URL; rejects on timeout or when closed first. */
  callback: Promise<URL>;
  /** Stops listening at once; a callback not yet received rejects the attempt. */
  close(): Promise<void>;
}

export interface CallbackListenerOptions {
  clock: Clock;
  timeoutMs: DurationMs;
  /** 0, the default, asks the system for a free port. */
  port?: number;
}

/**
 * A listener for one sign-in: it takes the first request to /callback, answers it with a page
 * telling the person to return to TokenTray, and closes; it also closes after the timeout.
 * It binds 127.0.0.1 only, so nothing else on the network can reach it.
 */
export async function openCallbackListener(options: CallbackListenerOptions): Promise<CallbackListener> {
  let settle: { resolve(url: URL): void; reject(error: Error): void } | undefined;
  const callback = new Promise<URL>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // Whoever awaits it decides; an attempt closed before anyone waits must not crash the process.
  callback.catch(() => undefined);
  let answered = false;

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', `http://127.0.0.1`);
    if (request.method !== 'GET' || url.pathname !== CALLBACK_PATH) {
      answer(response, 404, 'Not found', 'This address only takes the answer of a TokenTray sign-in.');
      return;
    }
    if (answered) {
      answer(response, 409, 'This sign-in is already finished', 'Return to TokenTray.');
      return;
    }
    answered = true;
    const failed = url.searchParams.has('error');
    answer(
      response,
      200,
      failed ? 'The sign-in did not complete' : 'Signed in',
      failed
        ? 'Return to TokenTray: it says what happened and what to do.'
        : 'You can close this tab and return to TokenTray.',
    );
    settle?.resolve(new URL(`${redirectUri}${url.search}`));
    void close();
  });
  // A person's browser keeps connections open; they must not hold the port after the answer.
  server.keepAliveTimeout = 1000;

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new TokenTrayError(
              'sign_in_port_in_use',
              `Port ${options.port ?? 0} on this computer is already in use, so the sign-in could not start. Nothing was changed.`,
              ['Try again: TokenTray picks a free port each time unless told otherwise.'],
            )
          : new TokenTrayError(
              'sign_in_listener_failed',
              'TokenTray could not open a local port for the sign-in to come back to. Nothing was changed.',
              [
                'Try again. If it keeps happening, check that this computer allows programs to listen on 127.0.0.1.',
              ],
            ),
      );
    });
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  const redirectUri = `http://127.0.0.1:${port}${CALLBACK_PATH}`;

  const timer = options.clock.setTimeout(() => {
    settle?.reject(
      new TokenTrayError(
        'sign_in_timeout',
        `Nobody finished signing in within ${minutes(options.timeoutMs)}, so the sign-in was stopped. Nothing was changed.`,
        ['Start the sign-in again and finish it in the browser tab that opens.'],
      ),
    );
    void close();
  }, options.timeoutMs);

  let closing: Promise<void> | undefined;
  function close(): Promise<void> {
    closing ??= new Promise<void>((resolve) => {
      options.clock.clearTimeout(timer);
      settle?.reject(
        new TokenTrayError(
          'sign_in_cancelled',
          'The sign-in was stopped before it finished. Nothing was changed.',
        ),
      );
      server.close(() => resolve());
      server.closeIdleConnections();
      // Connections still busy end with their answer: `Connection: close` is set on each.
    });
    return closing;
  }

  return { redirectUri, port, callback, close };
}

function answer(response: ServerResponse, status: number, heading: string, detail: string): void {
  response.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    Connection: 'close',
  });
  response.end(callbackPage(heading, detail));
}

function minutes(ms: DurationMs): string {
  const value = Math.round(ms / 60_000);
  if (value >= 1) return value === 1 ? '1 minute' : `${value} minutes`;
  return `${Math.max(1, Math.round(ms / 1000))} seconds`;
}
