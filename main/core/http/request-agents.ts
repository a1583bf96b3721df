import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { Agent as HttpAgent } from 'node:http';
import type { ClientRequest } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { TLSSocket } from 'node:tls';
import type { ConnectionOptions } from 'node:tls';
import type { AgentConnectOpts } from 'agent-base';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import type { Route } from './http-client';
import { ProxyUnreachable, TunnelRefused } from './http-failures';
import { trustedWith } from './trusted-certificates';

type Agents = { http: HttpAgent; https: HttpsAgent };

/** Enough for every proxy and certificate combination a profile has; the oldest goes first past it. */
const MAX_CACHED = 64;

/**
 * Keep-alive agents per route, so renewals reuse connections as fetch's pool did. A route's
 * key is a hash of its proxy, CAs and certificate: the secrets in it never become a map key.
 */
export class RequestAgents {
  private readonly cache = new Map<string, Agents>();

  for(route: Route): Agents {
    // Most requests go direct with Node's roots alone: their key needs no hash.
    const key = isPlainDirect(route) ? PLAIN_DIRECT : routeKey(route);
    let agents = this.cache.get(key);
    if (!agents) {
      agents = createAgents(route);
      this.cache.set(key, agents);
      if (this.cache.size > MAX_CACHED) this.evictOldest();
    }
    return agents;
  }

  destroy(): void {
    for (const agents of this.cache.values()) destroyAgents(agents);
    this.cache.clear();
  }

  private evictOldest(): void {
    const [oldest] = this.cache.keys();
    if (oldest === undefined) return;
    destroyAgents(this.cache.get(oldest)!);
    this.cache.delete(oldest);
  }
}

function createAgents(route: Route): Agents {
  const tls: ConnectionOptions = {
    // Added to what Node trusts, never instead of it: partners on public CAs keep working.
    ...(route.extraCa.length > 0 && { ca: trustedWith(route.extraCa) }),
    ...(route.clientCertificate && { cert: route.clientCertificate.cert, key: route.clientCertificate.key }),
  };
  const options = { keepAlive: true, ...tls };

  if (route.proxyUrl === null)
    return { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent(options) };
  // A proxy on https shows a certificate of its own, often from the company CA among the extra ones.
  const toProxy = { keepAlive: true, ...(route.extraCa.length > 0 && { ca: trustedWith(route.extraCa) }) };
  // https through CONNECT; plain http is forwarded by the proxy as an absolute-URI request.
  return {
    http: new ForwardingAgent(route.proxyUrl, toProxy),
    https: new TunnelAgent(route.proxyUrl, toProxy, tls),
  };
}

/**
 * https-proxy-agent takes its own options for the connection to the proxy, and the partner's
 * TLS options only from the request; axios sets none, so they are added to each tunnel here
 * (and never shown to the proxy: a client certificate is for the partner).
 */
class TunnelAgent extends HttpsProxyAgent<string> {
  constructor(
    proxyUrl: string,
    toProxy: ConnectionOptions & { keepAlive: boolean },
    private readonly partnerTls: ConnectionOptions,
  ) {
    super(proxyUrl, toProxy);
  }

  override async connect(request: ClientRequest, options: AgentConnectOpts) {
    // https-proxy-agent hands a refused CONNECT's answer to the request as if the partner had
    // sent it; it is the proxy's, and the partner was never asked.
    let status: number | undefined;
    request.once('proxyConnect', (answer: { statusCode: number }) => (status = answer.statusCode));
    let socket;
    try {
      socket = await super.connect(request, { ...options, ...this.partnerTls } as AgentConnectOpts);
    } catch (error) {
      // Before the proxy answered CONNECT, every name lookup, connection and TLS handshake was the proxy's.
      throw status === undefined ? new ProxyUnreachable(this.proxy.host, error) : error;
    }
    if (status !== undefined && status !== 200) {
      socket.destroy();
      const credentialsSent = this.proxy.username !== '' || this.proxy.password !== '';
      throw new TunnelRefused(status, credentialsSent, this.proxy.host);
    }
    return socket;
  }
}

/** Plain http through the proxy: a failure to connect to it names the proxy, not the partner. */
class ForwardingAgent extends HttpProxyAgent<string> {
  override async connect(...args: Parameters<HttpProxyAgent<string>['connect']>) {
    try {
      const socket = await super.connect(...args);
      // http-proxy-agent returns once TCP connects; a proxy on https is the proxy's only once its TLS is done too.
      if (socket instanceof TLSSocket) await once(socket, 'secureConnect');
      return socket;
    } catch (error) {
      throw new ProxyUnreachable(this.proxy.host, error);
    }
  }
}

function destroyAgents(agents: Agents): void {
  agents.http.destroy();
  agents.https.destroy();
}

/** The key of the direct route without extra CAs or a client certificate (a hash is 64 hex digits: never this). */
const PLAIN_DIRECT = 'direct';

function isPlainDirect(route: Route): boolean {
  return route.proxyUrl === null && route.extraCa.length === 0 && !route.clientCertificate;
}

function routeKey(route: Route): string {
  const hash = createHash('sha256');
  hash.update(route.proxyUrl ?? '-');
  for (const pem of route.extraCa) hash.update(`\0ca\0${pem}`);
  if (route.clientCertificate)
    hash.update(`\0cert\0${route.clientCertificate.cert}\0${route.clientCertificate.key}`);
  return hash.digest('hex');
}
