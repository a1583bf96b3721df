import { HttpFailure } from './http-client';
import type { HttpFailureKind } from './http-client';

const UNTRUSTED =
  "is not trusted: add the certificate of the authority that issued it (your company's CA, for a proxy that inspects TLS) in Settings → Network, or on the partner";

/** Node's and OpenSSL's error codes as short phrases: the message never carries the URL's query or a header value. */
const PHRASES: Record<string, [HttpFailureKind, string]> = {
  ECONNREFUSED: ['network', 'the connection was refused'],
  ECONNRESET: ['network', 'the connection was reset'],
  EPIPE: ['network', 'the connection was closed unexpectedly'],
  ENOTFOUND: ['network', 'the host name could not be found'],
  EAI_AGAIN: ['network', 'the host name could not be looked up'],
  ETIMEDOUT: ['network', 'the connection timed out'],
  EHOSTUNREACH: ['network', 'the host could not be reached'],
  ENETUNREACH: ['network', 'the network could not be reached'],
  CERT_HAS_EXPIRED: ['tls_untrusted', "the server's certificate has expired"],
  CERT_NOT_YET_VALID: [
    'tls_untrusted',
    "the server's certificate is not valid yet: check this computer's date and time",
  ],
  DEPTH_ZERO_SELF_SIGNED_CERT: ['tls_untrusted', `the server's certificate ${UNTRUSTED}`],
  SELF_SIGNED_CERT_IN_CHAIN: ['tls_untrusted', `the server's certificate ${UNTRUSTED}`],
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: ['tls_untrusted', `the server's certificate ${UNTRUSTED}`],
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: ['tls_untrusted', `the server's certificate ${UNTRUSTED}`],
  ERR_TLS_CERT_ALTNAME_INVALID: ['tls_untrusted', "the server's certificate is for another host"],
  // Refused on this side before anything is sent: the key does not belong to the certificate.
  ERR_OSSL_X509_KEY_VALUES_MISMATCH: [
    'tls_handshake',
    "the connection's client certificate and private key do not belong together",
  ],
};

/** TLS alerts a server sends when it wants a client certificate or refuses the one it got. */
const HANDSHAKE_REFUSED =
  /ALERT_(CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA|HANDSHAKE_FAILURE|ACCESS_DENIED|DECRYPT_ERROR|CERTIFICATE_UNKNOWN)/;

/**
 * The proxy answered CONNECT with something other than 200, so the partner was never asked.
 * Thrown by the tunnel agent: without it, the proxy's answer would read as the partner's.
 */
export class TunnelRefused extends Error {
  constructor(
    readonly status: number,
    /** Whether TokenTray sent proxy credentials with the CONNECT. */
    readonly credentialsSent: boolean,
    /** host:port of the proxy, never its credentials. */
    readonly proxyHost: string,
  ) {
    super(`the proxy answered ${status} to CONNECT`);
    this.name = 'TunnelRefused';
  }
}

/**
 * The proxy refused TokenTray's credentials. A 407 (RFC 9110 §15.5.8) says so; some proxies,
 * Debian's tinyproxy among them, answer wrong credentials with 401 instead.
 */
export function proxyRefusal(status: number, host: string, proxyHost: string): HttpFailure {
  // Named: the proxy may be the one in the settings or the one HTTPS_PROXY / HTTP_PROXY names.
  return new HttpFailure(
    'proxy_refused',
    `the proxy ${proxyHost} refused TokenTray's credentials (${status}) on the way to ${host}`,
  );
}

/**
 * The way to the proxy failed (its name, the connection, its TLS) before it was asked anything:
 * the failure is the proxy's, and naming the partner would send the person looking there.
 */
export class ProxyUnreachable extends Error {
  constructor(
    /** host:port of the proxy, never its credentials. */
    readonly proxyHost: string,
    cause: unknown,
  ) {
    super(`the proxy ${proxyHost} could not be reached`, { cause });
    this.name = 'ProxyUnreachable';
  }
}

/** The headers of an answer that tell a proxy's own refusal from the partner's, by lower-case name. */
export interface RefusalHeaders {
  server?: string;
  'proxy-authenticate'?: string | string[];
}

/**
 * Whether the answer to a plain-http request sent through a proxy is the proxy refusing
 * TokenTray's credentials, so the partner was never asked. Such a request goes to the proxy
 * itself, which answers for the partner or forwards the partner's answer with the partner's
 * headers. The proxy's own refusal is a 407 (RFC 9110 §15.5.8), or a 401 carrying the proxy's
 * challenge (`Proxy-Authenticate`), or Debian's tinyproxy's answer to wrong credentials: a 401
 * whose `Server` header names tinyproxy (a partner's 401 passes through it without that header).
 */
export function isProxyAuthRefusal(
  status: number,
  headers: RefusalHeaders,
  /** Whether TokenTray sent proxy credentials with the request. */
  credentialsSent: boolean,
): boolean {
  if (status === 407) return true;
  if (status !== 401) return false;
  if (headers['proxy-authenticate'] !== undefined) return true;
  return credentialsSent && /^tinyproxy\//i.test(headers.server ?? '');
}

/** A request that got no usable answer, as a failure whose message names only the host and what went wrong. */
export function failureOf(error: unknown, host: string): HttpFailure {
  const unreachable = inCauses(error, ProxyUnreachable);
  if (unreachable) return failureOf(unreachable.cause, `the proxy ${unreachable.proxyHost}`);
  const tunnel = inCauses(error, TunnelRefused);
  if (tunnel) {
    if (tunnel.status === 407 || (tunnel.status === 401 && tunnel.credentialsSent))
      return proxyRefusal(tunnel.status, host, tunnel.proxyHost);
    return new HttpFailure(
      'network',
      `${host}: the proxy ${tunnel.proxyHost} would not open a tunnel to it (it answered HTTP ${tunnel.status} to CONNECT)`,
    );
  }
  const code = codeOf(error);
  if (code && PHRASES[code]) {
    const [kind, phrase] = PHRASES[code];
    return new HttpFailure(kind, `${host}: ${phrase}`);
  }
  if (code && HANDSHAKE_REFUSED.test(code)) {
    return new HttpFailure(
      'tls_handshake',
      `${host} refused the TLS handshake (${code}): check the connection's client certificate and key`,
    );
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER')
    return new HttpFailure('network', `${host}: this address does not speak TLS`);
  if (code && /^[A-Z0-9_]{2,60}$/.test(code))
    return new HttpFailure('network', `${host}: the request failed (${code})`);
  return new HttpFailure('network', `${host}: the request failed`);
}

/** The error, or one of its causes (axios wraps what the agents throw), of that class. */
function inCauses<T extends Error>(
  error: unknown,
  kind: abstract new (...args: never[]) => T,
): T | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; depth++) {
    if (current instanceof kind) return current;
    current = current.cause;
  }
  return undefined;
}

/** The error's own code, or its cause's: axios wraps Node's socket and TLS errors. */
function codeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'ERR_BAD_RESPONSE' && code !== 'ERR_NETWORK') return code;
    current = current.cause;
  }
  return undefined;
}
