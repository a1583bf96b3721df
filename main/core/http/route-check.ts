import { lookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { connect as netConnect, isIP } from 'node:net';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { TLSSocket } from 'node:tls';
import type { Route } from './http-client';
import { HttpFailure } from './http-client';
import { failureOf, isProxyAuthRefusal } from './http-failures';
import type { RefusalHeaders } from './http-failures';
import { trustedWith } from './trusted-certificates';

export type RouteCheckStepName = 'dns' | 'connect' | 'proxy' | 'tls' | 'http';

export interface RouteCheckStep {
  step: RouteCheckStepName;
  result: 'passed' | 'failed' | 'skipped';
  /** What happened, naming hosts and codes only: never a path, a query, a credential or a body. */
  message: string;
}

export interface RouteCheck {
  /** Host and port of the address tested. */
  host: string;
  /** True when every step that ran passed: a renewal would reach the partner. */
  ok: boolean;
  steps: RouteCheckStep[];
}

interface Endpoint {
  hostname: string;
  port: number;
  /** host:port as the URL names it. */
  host: string;
}

/**
 * Walks the way a partner request takes, one step at a time, so that a failure says where it
 * happened: the name lookup of the first hop, the TCP connection, the proxy's CONNECT, the TLS
 * handshake, and an HTTP HEAD. HEAD is safe by definition (RFC 9110 §9.2.1) and goes without
 * credentials or body, so nothing is renewed and no refresh token is spent; any status the
 * partner answers with, a 405 included, shows the route works.
 */
export async function checkRoute(url: string, route: Route, timeoutMs: number): Promise<RouteCheck> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const partner = endpointOf(target);
  const proxy = route.proxyUrl ? new URL(route.proxyUrl) : null;
  const firstHop = proxy ? endpointOf(proxy) : partner;
  const steps: RouteCheckStep[] = [];
  const sockets: Socket[] = [];
  const deadline = new Deadline(timeoutMs, () => sockets.forEach((socket) => socket.destroy()));
  const pass = (step: RouteCheckStepName, message: string) => steps.push({ step, result: 'passed', message });
  const fail = (step: RouteCheckStepName, message: string) => steps.push({ step, result: 'failed', message });
  const skip = (step: RouteCheckStepName, message: string) =>
    steps.push({ step, result: 'skipped', message });
  const finish = (): RouteCheck => {
    deadline.clear();
    sockets.forEach((socket) => socket.destroy());
    const ran = new Set(steps.map((s) => s.step));
    for (const step of ['dns', 'connect', 'proxy', 'tls', 'http'] as const) {
      if (!ran.has(step)) skip(step, 'Not tried: an earlier step failed.');
    }
    steps.sort((a, b) => ORDER.indexOf(a.step) - ORDER.indexOf(b.step));
    return { host: partner.host, ok: steps.every((s) => s.result !== 'failed'), steps };
  };
  const failure = (error: unknown, host: string) =>
    deadline.expired
      ? `${host} did not answer within ${Math.round(timeoutMs / 1000)} s`
      : failureOf(error, host).message;

  // 1. The name of the first hop: the proxy's, which then looks up the partner's name itself.
  let address: string;
  try {
    address = isIP(firstHop.hostname)
      ? firstHop.hostname
      : (await deadline.race(lookup(firstHop.hostname))).address;
    pass(
      'dns',
      proxy
        ? `The proxy's name ${firstHop.hostname} resolved to ${address}; the proxy looks up ${partner.hostname} itself.`
        : `${partner.hostname} resolved to ${address}.`,
    );
  } catch (error) {
    fail('dns', failure(error, firstHop.hostname));
    return finish();
  }

  // 2. A TCP connection to the first hop (through TLS where the proxy itself is on https).
  let socket: Socket;
  try {
    socket = await deadline.race(openSocket(address, firstHop.port, sockets));
    if (proxy?.protocol === 'https:') {
      socket = await deadline.race(startTls(socket, firstHop.hostname, route.extraCa, undefined, sockets));
    }
    pass('connect', `Connected to ${firstHop.host}${proxy ? ' (the proxy)' : ''}.`);
  } catch (error) {
    fail('connect', failure(error, firstHop.host));
    return finish();
  }

  // 3. The proxy: a CONNECT tunnel for https; plain http is handed to it in the HTTP step.
  const proxyAuthorization = proxy ? proxyAuthorizationOf(proxy) : undefined;
  if (!proxy) {
    skip('proxy', 'No proxy applies to this address: TokenTray connects directly.');
  } else if (!secure) {
    skip('proxy', 'Plain http: the proxy forwards the request itself (see the HTTP step).');
  } else {
    try {
      const status = await deadline.race(openTunnel(socket, partner.host, proxyAuthorization));
      // Some proxies (tinyproxy) answer wrong credentials with 401 rather than 407.
      if (status === 407 || (status === 401 && proxyAuthorization)) {
        fail(
          'proxy',
          `The proxy refused TokenTray's credentials (${status}): check the proxy user name and password.`,
        );
        return finish();
      }
      if (status !== 200) {
        fail('proxy', `The proxy answered ${status} to CONNECT ${partner.host}: it would not open a tunnel.`);
        return finish();
      }
      pass('proxy', `The proxy opened a tunnel to ${partner.host} (CONNECT answered 200).`);
    } catch (error) {
      fail('proxy', failure(error, firstHop.host));
      return finish();
    }
  }

  // 4. TLS with the partner: the extra CAs on top of Node's roots, and the client certificate.
  if (secure) {
    try {
      const tls = await deadline.race(
        startTls(socket, partner.hostname, route.extraCa, route.clientCertificate, sockets),
      );
      socket = tls;
      const issuer = issuerOf(tls);
      pass(
        'tls',
        `${partner.host}'s certificate is trusted${issuer ? ` (issued by ${issuer})` : ''}` +
          (route.clientCertificate ? '; the client certificate was offered.' : '.'),
      );
    } catch (error) {
      fail('tls', failure(error, partner.host));
      return finish();
    }
  } else {
    skip('tls', 'Plain http: no TLS.');
  }

  // 5. HEAD without credentials: TLS 1.3 servers refuse a client certificate only now.
  try {
    const path = proxy && !secure ? target.href : `${target.pathname}${target.search}`;
    const { status, headers } = await deadline.race(
      headOver(socket, path, partner.host, !secure ? proxyAuthorization : undefined),
    );
    if (proxy && !secure && isProxyAuthRefusal(status, headers, proxyAuthorization !== undefined)) {
      // The proxy's step, skipped above for plain http, is where this answer belongs.
      steps.splice(
        steps.findIndex((s) => s.step === 'proxy'),
        1,
      );
      fail(
        'proxy',
        `The proxy refused TokenTray's credentials (${status}): check the proxy user name and password.`,
      );
    } else if (status >= 500) {
      fail(
        'http',
        `${partner.host} answered HTTP ${status}: the server was reached but reports a fault of its own.`,
      );
    } else {
      pass(
        'http',
        `${partner.host} answered HTTP ${status} to a HEAD request without credentials: it can be reached.`,
      );
    }
  } catch (error) {
    const problem = deadline.expired ? null : failureOf(error, partner.host);
    if (problem?.kind === 'tls_handshake') {
      steps.splice(
        steps.findIndex((s) => s.step === 'tls'),
        1,
      );
      fail('tls', problem.message);
    } else {
      fail('http', problem?.message ?? failure(error, partner.host));
    }
  }
  return finish();
}

const ORDER: readonly RouteCheckStepName[] = ['dns', 'connect', 'proxy', 'tls', 'http'];

function endpointOf(url: URL): Endpoint {
  const secure = url.protocol === 'https:';
  return {
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port) || (secure ? 443 : 80),
    host: url.host,
  };
}

function proxyAuthorizationOf(proxy: URL): string | undefined {
  if (!proxy.username) return undefined;
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return `Basic ${Buffer.from(credentials).toString('base64')}`;
}

function openSocket(address: string, port: number, sockets: Socket[]): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: address, port });
    // A socket may fail between steps: that failure is the next step's, never an uncaught error.
    socket.on('error', () => undefined);
    sockets.push(socket);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

function startTls(
  socket: Socket,
  hostname: string,
  extraCa: readonly string[],
  clientCertificate: Route['clientCertificate'],
  sockets: Socket[],
): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const tls = tlsConnect({
      socket,
      // SNI takes names only (RFC 6066 §3).
      ...(isIP(hostname) === 0 && { servername: hostname }),
      ...(extraCa.length > 0 && { ca: trustedWith(extraCa) }),
      ...(clientCertificate && { cert: clientCertificate.cert, key: clientCertificate.key }),
      ALPNProtocols: ['http/1.1'],
    });
    tls.on('error', () => undefined);
    sockets.push(tls);
    tls.once('secureConnect', () => {
      tls.off('error', reject);
      resolve(tls);
    });
    tls.once('error', reject);
  });
}

/** Sends CONNECT and reads the proxy's status line; the tunnel is then the same socket. */
function openTunnel(socket: Socket, host: string, authorization: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) {
        if (head.length > 16_384) done(new HttpFailure('network', 'the proxy sent an oversized answer'));
        return;
      }
      const status = Number(/^HTTP\/\d(?:\.\d)? (\d{3})/.exec(head)?.[1]);
      if (!Number.isFinite(status))
        return done(new HttpFailure('network', 'the proxy did not answer in HTTP'));
      // Anything past the head belongs to the tunnel; a proxy sends nothing there before TLS starts.
      done(null, status);
    };
    const onEnd = () => done(new HttpFailure('network', 'the proxy closed the connection'));
    const done = (error: Error | null, status?: number) => {
      socket.off('data', onData).off('error', done).off('end', onEnd);
      if (error) reject(error);
      else resolve(status!);
    };
    socket.on('data', onData).once('error', done).once('end', onEnd);
    socket.write(
      `CONNECT ${host} HTTP/1.1\r\nHost: ${host}\r\n` +
        (authorization ? `Proxy-Authorization: ${authorization}\r\n` : '') +
        '\r\n',
    );
  });
}

/** A HEAD request over the open socket; resolves with the status and the headers that tell a proxy's refusal. */
function headOver(
  socket: Socket,
  path: string,
  host: string,
  proxyAuthorization: string | undefined,
): Promise<{ status: number; headers: RefusalHeaders }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({
      method: 'HEAD',
      path,
      headers: {
        Host: host,
        Accept: '*/*',
        Connection: 'close',
        ...(proxyAuthorization && { 'Proxy-Authorization': proxyAuthorization }),
      },
      createConnection: () => socket,
    });
    request.once('response', (response: IncomingMessage) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, headers: response.headers });
    });
    request.once('error', reject);
    request.end();
  });
}

function issuerOf(tls: TLSSocket): string | null {
  const issuer = tls.getPeerCertificate()?.issuer as { CN?: unknown; O?: unknown } | undefined;
  const name = issuer?.CN ?? issuer?.O;
  return typeof name === 'string' && name.length > 0 && name.length <= 200 ? name : null;
}

/** One deadline for the whole check: when it passes, the open sockets close and the step waiting fails. */
class Deadline {
  expired = false;
  private readonly timer: NodeJS.Timeout;
  private readonly waiting = new Set<(error: Error) => void>();

  constructor(ms: number, onExpire: () => void) {
    this.timer = setTimeout(
      () => {
        this.expired = true;
        onExpire();
        for (const reject of this.waiting) reject(new HttpFailure('timeout', 'timed out'));
      },
      Math.min(ms, 2 ** 31 - 1),
    );
  }

  race<T>(promise: Promise<T>): Promise<T> {
    if (this.expired) return Promise.reject(new HttpFailure('timeout', 'timed out'));
    return new Promise<T>((resolve, reject) => {
      this.waiting.add(reject);
      promise.then(resolve, reject).finally(() => this.waiting.delete(reject));
    });
  }

  clear(): void {
    clearTimeout(this.timer);
  }
}
