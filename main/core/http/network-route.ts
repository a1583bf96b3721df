import { getProxyForUrl } from 'proxy-from-env';
import { isLoopbackHost } from '../domain/loopback-host';
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
  return environmentProxyFor(url);
}

/**
 * The proxy the environment names for `url`. proxy-from-env gives a variable without a scheme
 * the scheme of the request (`https://proxy:3128` for an https partner); curl, and the company
 * proxies such a variable names, speak plain http to the proxy, so that is what it means here.
 */
function environmentProxyFor(url: string): string | null {
  const proxy = getProxyForUrl(url);
  if (!proxy) return null;
  const scheme = new URL(url).protocol.slice(0, -1);
  const named = environment(`${scheme}_proxy`) || environment('all_proxy');
  return named.includes('://') ? proxy : `http://${named}`;
}

/** A variable as proxy-from-env reads it: the lower-case name first. */
function environment(name: string): string {
  return process.env[name.toLowerCase()] || process.env[name.toUpperCase()] || '';
}

/** Credentials go only as a pair: a user name without a stored password asks the proxy as nobody. */
function withCredentials(proxyUrl: string, username: string | null, password: string | null): string {
  if (!username || password === null) return proxyUrl;
  const url = new URL(proxyUrl);
  // The setters leave `%` as it is; the proxy agents decode both parts (RFC 3986 §3.2.1).
  url.username = encodeURIComponent(username);
  url.password = encodeURIComponent(password ?? '');
  return url.toString();
}

function isLoopback(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}
