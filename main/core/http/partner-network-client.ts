import type { NetworkSettings, PartnerNetwork } from '../domain/network';
import type { HttpClient, HttpRequest, HttpResponse, Route } from './http-client';
import { routeFor } from './network-route';

/** Where the network settings of a request come from: the profile, the partner, and their secrets. */
/** Whose request it is: a connection's, or a partner's before it has the connection. */
export interface RouteOwner {
  connectionId?: string;
  partnerId?: string;
}

export interface NetworkSources {
  network(): NetworkSettings;
  /** The network settings of the connection's partner, or of the partner named when there is no connection yet. */
  partnerNetwork(of: RouteOwner): PartnerNetwork | undefined;
  /** The connection's client certificate with its key, for mutual TLS. */
  clientCertificate(connectionId: string): Promise<{ cert: string; key: string } | undefined>;
  proxyPassword(): Promise<string | null>;
}

/**
 * Gives every partner request its route (proxy, extra CAs, client certificate) and deadline
 * from the settings at the moment it is sent, so a changed setting applies to the next request.
 */
export class PartnerNetworkClient implements HttpClient {
  constructor(
    private readonly inner: HttpClient,
    private readonly sources: NetworkSources,
  ) {}

  async send(request: HttpRequest): Promise<HttpResponse> {
    const { route, timeoutMs } = await this.routeOf(request.url, request);
    return this.inner.send({ ...request, route, timeoutMs });
  }

  /** The route and deadline a request to `url` for that connection gets now (the connection test uses them too). */
  async routeOf(url: string, owner: RouteOwner): Promise<{ route: Route; timeoutMs: number }> {
    const { connectionId } = owner;
    const network = this.sources.network();
    const partner = this.sources.partnerNetwork(owner);
    const proxyPassword =
      network.proxyUrl && network.proxyUsername ? await this.sources.proxyPassword() : null;
    const clientCertificate = connectionId ? await this.sources.clientCertificate(connectionId) : undefined;
    const route = routeFor(url, { network, partner, proxyPassword, clientCertificate });
    const timeoutSeconds = partner?.timeoutSeconds ?? network.timeoutSeconds;
    return { route, timeoutMs: timeoutSeconds * 1000 };
  }
}
