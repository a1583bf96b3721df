import { once } from 'node:events';
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createProxy } from 'proxy';

export interface ForwardProxy {
  /** `http://127.0.0.1:PORT` (`https://localhost:PORT` on TLS), without credentials. */
  url: string;
  /** host:port of `url`. */
  host: string;
  /** The proxy's own log of what it was asked to open: `CONNECT host:port` lines, plain requests as `GET url`. */
  log: string[];
  close(): Promise<void>;
}

/**
 * A real forward proxy on this computer (the `proxy` package, as a company's squid would
 * answer): CONNECT for https, absolute-URI requests for plain http, and with `credentials` a
 * 407 for any request without them (Basic, RFC 7617).
 */
export async function startForwardProxy(
  credentials?: { user: string; password: string },
  options: { tls?: { cert: string; key: string } } = {},
): Promise<ForwardProxy> {
  // With `tls`, the proxy itself is reached over https (a TLS hop before the CONNECT).
  const proxy = createProxy(options.tls ? createTlsServer(options.tls) : createServer());
  const log: string[] = [];
  if (credentials) {
    const expected = `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}`;
    proxy.authenticate = (request: IncomingMessage) => request.headers['proxy-authorization'] === expected;
  }
  proxy.on('connect', (request: IncomingMessage) => log.push(`CONNECT ${request.url}`));
  proxy.on('request', (request: IncomingMessage) => log.push(`${request.method} ${request.url}`));
  // Tunnels are no longer the server's connections once CONNECT is answered: closed by hand at the end.
  const sockets = new Set<Socket>();
  proxy.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  proxy.listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  const port = (proxy.address() as AddressInfo).port;
  // The test certificates name localhost: a proxy on https is reached by that name.
  const host = options.tls ? `localhost:${port}` : `127.0.0.1:${port}`;
  return {
    url: `${options.tls ? 'https' : 'http'}://${host}`,
    host,
    log,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => proxy.close(resolve));
    },
  };
}
