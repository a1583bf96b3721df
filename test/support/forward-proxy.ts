import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxy } from 'proxy';

export interface ForwardProxy {
  /** `http://127.0.0.1:PORT`, without credentials. */
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
export async function startForwardProxy(credentials?: {
  user: string;
  password: string;
}): Promise<ForwardProxy> {
  const proxy = createProxy(createServer());
  const log: string[] = [];
  if (credentials) {
    const expected = `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}`;
    proxy.authenticate = (request: IncomingMessage) => request.headers['proxy-authorization'] === expected;
  }
  proxy.on('connect', (request: IncomingMessage) => log.push(`CONNECT ${request.url}`));
  proxy.on('request', (request: IncomingMessage) => log.push(`${request.method} ${request.url}`));
  proxy.listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  const host = `127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  return {
    url: `http://${host}`,
    host,
    log,
    close: async () => {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    },
  };
}
