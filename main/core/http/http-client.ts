import type { DurationMs, EpochMs } from '../domain/ids';

/** How one request reaches its server: the proxy it goes through and the TLS it needs. */
export interface Route {
  /** `http://user:pass@proxy:3128`, or null to go direct. */
  proxyUrl: string | null;
  /** PEM certificates trusted on top of Node's own roots (a company's TLS-inspecting proxy CA). */
  extraCa: readonly string[];
  /** A client certificate and its private key, both PEM, for partners that require mutual TLS. */
  clientCertificate?: { cert: string; key: string };
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs?: DurationMs;
  /** Responses larger than this are cut off and reported as `too_large`. */
  maxBodyBytes?: number;
  /** The connection the request is for: its partner's and its own network settings apply. */
  connectionId?: string;
  /** Without a connection (discovery while one is added): the partner whose network settings apply. */
  partnerId?: string;
  /** Direct unless given; filled in from the settings by `PartnerNetworkClient`. */
  route?: Route;
}

export interface HttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
  /** When the response arrived, by the local clock: expiries are computed from it. */
  receivedAt: EpochMs;
}

export type HttpFailureKind =
  | 'network'
  | 'timeout'
  | 'too_large'
  /** A proxy answered 407: the partner was never asked. */
  | 'proxy_refused'
  /** The server's certificate is not trusted (a company CA missing, an expired or wrong certificate). */
  | 'tls_untrusted'
  /** The server refused the TLS handshake: mutual TLS without, or with a wrong, client certificate. */
  | 'tls_handshake';

/** A request that got no usable HTTP response. Its message never holds a secret. */
export class HttpFailure extends Error {
  constructor(
    readonly kind: HttpFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'HttpFailure';
  }
}

export interface HttpClient {
  /** Resolves with any HTTP status; rejects only with `HttpFailure`. */
  send(request: HttpRequest): Promise<HttpResponse>;
}
