import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { TokenTrayCore } from '../core/app';
import { createCoreApi } from '../core/api/core-api';
import type { HostCapabilities } from '../core/api/core-api';
import { createDispatcher, toApiEvent } from '../core/api/dispatch';
import type { Dispatch } from '../core/api/dispatch';
import { API_PATH_PREFIX, EVENTS_PATH } from '../core/api/api-methods';
import { handleApiCall } from './api-route';
import { EventStreams } from './event-stream';
import {
  hasSessionToken,
  isAllowedHost,
  isAllowedOrigin,
  newSessionToken,
  sameToken,
  sessionCookie,
} from './request-guard';
import { messagePage, sendApiError, sendHtml, setSecurityHeaders } from './responses';
import { resolveStaticFile, sendStaticFile } from './static-files';

export interface WebHostOptions {
  core: TokenTrayCore;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The built renderer (dist/renderer); without it only the API is served (the Electron shell's local API). */
  rendererDir?: string;
  /** Who the API serves; the browser window unless given. */
  host?: HostCapabilities;
  /** The per-launch token; a random one unless given. */
  token?: string;
}

export interface WebHost {
  /** `http://127.0.0.1:PORT/?token=TOKEN`: the link to open. */
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
const NOTHING_HERE = 'There is nothing at this address.';

/**
 * The browser host: the built renderer and the preload API on 127.0.0.1 only,
 * every request checked for Host and Origin, the API and the window behind the
 * per-launch token.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? newSessionToken();
  const dispatch = createDispatcher(createCoreApi(options.core, options.host ?? { kind: 'browser' }), {
    onInternalError: (method, error) =>
      // The name only: a raw message could quote a server body or a secret.
      console.error(`TokenTray: ${method} failed (${error instanceof Error ? error.name : 'unknown error'})`),
  });
  const streams = new EventStreams();
  const unsubscribe = options.core.subscribe((event) => streams.send(toApiEvent(event)));
  let port = 0;

  const server = createServer((request, response) => {
    route({ request, response, port, token, dispatch, streams, rendererDir: options.rendererDir }).catch(
      () => {
        if (!response.headersSent)
          sendApiError(response, 'internal', 'Something went wrong inside TokenTray.');
        else response.destroy();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
    token,
    port,
    close: async () => {
      unsubscribe();
      streams.closeAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

interface RouteContext {
  request: IncomingMessage;
  response: ServerResponse;
  port: number;
  token: string;
  dispatch: Dispatch;
  streams: EventStreams;
  rendererDir: string | undefined;
}

async function route(context: RouteContext): Promise<void> {
  const { request, response, port, token } = context;
  setSecurityHeaders(response);
  if (!isAllowedHost(request, port) || !isAllowedOrigin(request, port)) {
    return sendApiError(response, 'forbidden', 'This address is only for TokenTray on this computer.');
  }
  const url = new URL(request.url ?? '/', `http://${LOOPBACK}:${port}`);
  const { pathname } = url;

  if (pathname.startsWith(API_PATH_PREFIX)) {
    if (!hasSessionToken(request, token)) {
      return sendApiError(response, 'unauthorized', 'Open TokenTray with the link printed in the terminal.');
    }
    if (pathname === EVENTS_PATH) {
      if (request.method !== 'GET') return sendApiError(response, 'method_not_allowed', 'Use GET.');
      return context.streams.open(request, response);
    }
    return handleApiCall(request, response, pathname.slice(API_PATH_PREFIX.length), context.dispatch);
  }

  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return sendApiError(response, 'method_not_allowed', 'Only GET is served here.');
  }
  const { rendererDir } = context;
  if (rendererDir === undefined) return sendHtml(response, 404, messagePage('Not found', NOTHING_HERE));
  if (pathname === '/' || pathname === '/index.html')
    return sendWindow(context, rendererDir, url.searchParams.get('token'));

  const file = await resolveStaticFile(rendererDir, pathname);
  if (!file) return sendHtml(response, 404, messagePage('Not found', NOTHING_HERE));
  // Vite names assets by their content hash: they never change under the same name.
  const cacheControl = pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  return sendStaticFile(response, file, { cacheControl, headOnly: request.method === 'HEAD' });
}

/** The window: with the token in the link (which sets the session cookie) or the cookie already set. */
async function sendWindow(
  context: RouteContext,
  rendererDir: string,
  queryToken: string | null,
): Promise<void> {
  const { request, response, token } = context;
  const fromLink = queryToken !== null && sameToken(queryToken, token);
  if (!fromLink && !hasSessionToken(request, token)) {
    return sendHtml(
      response,
      401,
      messagePage(
        'Open TokenTray from its link',
        'Open the link TokenTray printed in the terminal, with its token.',
      ),
    );
  }
  if (fromLink) response.setHeader('Set-Cookie', sessionCookie(token));
  const index = join(rendererDir, 'index.html');
  if (!existsSync(index)) {
    return sendHtml(
      response,
      503,
      messagePage(
        'The window is not built yet',
        'Run `npm run build`, then reload this page. The API is running.',
      ),
    );
  }
  return sendStaticFile(response, index, { cacheControl: 'no-store', headOnly: request.method === 'HEAD' });
}
