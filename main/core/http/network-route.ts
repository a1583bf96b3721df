import { getProxyForUrl } from 'proxy-from-env';
import type { NetworkSettings, PartnerNetwork } from '../domain/network';
import { certificatesOf } from '../domain/pem-text';
import type { Route } from './http-client';

export interface RouteInputs {
  network: NetworkSettings;
  /** The partner's own settings, where the request is for one. */
  partner?: PartnerNetwork;
  proxyPassword: string | null;
  clientCertificate?: { cert: string; key: string };
}

/**
 * How a request to `url` leaves this computer: through the proxy in settings, else the one
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY name (either case, as curl reads them), else direct;
 * a partner may bypass the proxy, and this computer's own addresses bypass it unless the
 * settings say otherwise. Extra CAs add the profile's and the partner's certificates.
 */
export function routeFor(url: string, inputs: RouteInputs): Route {
  const { network, partner } = inputs;
  const extraCa = [...certificatesOf(network.extraCaPem ?? ''), ...certificatesOf(partner?.extraCaPem ?? '')];
  return {
    proxyUrl: proxyFor(url, inputs),
    extraCa,
    ...(inputs.clientCertificate && { clientCertificate: inputs.clientCertificate }),
  };
}

function proxyFor(url: string, { network, partner, proxyPassword }: RouteInputs): string | null {
  if (partner?.bypassProxy) return null;
  if (isLoopback(url) && !network.proxyLoopback) return null;
  if (network.proxyUrl) return withCredentials(network.proxyUrl, network.proxyUsername, proxyPassword);
  return getProxyForUrl(url) || null;
}

function withCredentials(proxyUrl: string, username: string | null, password: string | null): string {
  if (!username) return proxyUrl;
  const url = new URL(proxyUrl);
  url.username = username;
  url.password = password ?? '';
  return url.toString();
}

function isLoopback(url: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
