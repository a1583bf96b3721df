import type { DurationMs, EpochMs } from '../domain/ids';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs?: DurationMs;
  /** Responses larger than this are cut off and reported as `too_large`. */
  maxBodyBytes?: number;
}

export interface HttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
  /** When the response arrived, by the local clock: expiries are computed from it. */
  receivedAt: EpochMs;
}

export type HttpFailureKind = 'network' | 'timeout' | 'too_large';

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
