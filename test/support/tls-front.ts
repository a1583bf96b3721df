import { once } from 'node:events';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:tls';
import type { TlsOptions } from 'node:tls';

export interface TlsFront {
  /** `https://localhost:PORT`: the partner's address as a client sees it. */
  origin: string;
  close(): Promise<void>;
}

/**
 * TLS in front of a plain HTTP server on this computer (the partner simulator): a partner
 * on HTTPS with a certificate of the test's own CA, and client certificates where asked.
 */
export async function startTlsFront(backendPort: number, options: TlsOptions): Promise<TlsFront> {
  const open = new Set<{ destroy(): void }>();
  const server = createServer(options, (socket) => {
    const backend = connect(backendPort, '127.0.0.1');
    open.add(socket).add(backend);
    socket.pipe(backend).pipe(socket);
    const end = () => {
      socket.destroy();
      backend.destroy();
    };
    socket.on('error', end);
    backend.on('error', end);
  });
  server.on('tlsClientError', () => undefined);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    origin: `https://localhost:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of open) socket.destroy();
      }),
  };
}
