import { validateHeaderName, validateHeaderValue } from 'node:http';
import { finished } from 'node:stream';
import type { Readable } from 'node:stream';
import axios, { AxiosHeaders } from 'axios';
import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { EpochMs } from '../domain/ids';
import { HttpFailure } from './http-client';
import type { HttpClient, HttpRequest, HttpResponse, Route } from './http-client';
import { failureOf, isProxyAuthRefusal, proxyRefusal } from './http-failures';
import { hostOf } from './host-of';
import { RequestAgents } from './request-agents';

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

export interface AxiosHttpClientOptions {
  /** When a response counts as received; tests pass a fake clock. */
  now?: () => EpochMs;
}

const DIRECT: Route = { proxyUrl: null, extraCa: [] };

/**
 * Every partner call goes through here. Redirects are never followed (a 3xx comes back as it
 * is, so secrets never travel to another address), one deadline covers the headers and the
 * body, the body is cut off past its cap, and a failure's message names the host and what
 * went wrong, never the URL's path or query, a header value or a secret.
 *
 * Requests go straight to axios's http adapter with a config merged once: `axios.request`
 * would merge the instance's defaults into every request and run it through interceptors and
 * transforms this client does not use, which cost more than the request itself on a busy
 * renewal run.
 */
export class AxiosHttpClient implements HttpClient {
  private readonly now: () => EpochMs;
  private readonly agents = new RequestAgents();
  private readonly adapter: AxiosAdapter;
  /** The instance's defaults and this client's options, merged; each request inherits them. */
  private readonly template: InternalAxiosRequestConfig;
  /** The headers axios would add to every request (its default Accept), flattened. */
  private readonly defaultHeaders: AxiosHeaders;

  constructor(options: AxiosHttpClientOptions = {}) {
    this.now = options.now ?? Date.now;
    const instance = axios.create({
      adapter: 'http',
      maxRedirects: 0,
      // Every status is an answer for the dialect to read; only no answer at all is a failure.
      validateStatus: () => true,
      responseType: 'stream',
      // The agents decide the route: axios must not read proxy variables on its own.
      proxy: false,
    });
    const { headers, ...defaults } = instance.defaults;
    this.defaultHeaders = AxiosHeaders.from(headers.common as Record<string, string>);
    this.template = { ...defaults, headers: new AxiosHeaders() };
    this.adapter = axios.getAdapter(defaults.adapter);
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const host = hostOf(request.url);
    const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const maxBodyBytes = request.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const controller = new AbortController();
    let timedOut = false;
    // Node fires delays above 2^31-1 ms at once.
    const timer = setTimeout(
      () => {
        timedOut = true;
        controller.abort();
      },
      Math.min(timeoutMs, 2 ** 31 - 1),
    );
    try {
      refuseUnsendableHeaders(request.headers, host);
      const agents = this.agents.for(request.route ?? DIRECT);
      const response = await this.dispatch(request, agents, controller.signal);
      const receivedAt = this.now();
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
      }
      // Plain http through a proxy: the proxy's own refusal comes back as the response.
      const refusingProxy = refusedByProxy(request, response.status, headers);
      if (refusingProxy) {
        response.data.destroy();
        throw proxyRefusal(response.status, host, refusingProxy);
      }
      const body = await readBody(response.data, headers['content-length'], maxBodyBytes, host);
      return { status: response.status, headers, body, receivedAt };
    } catch (error) {
      if (error instanceof HttpFailure) throw error;
      if (timedOut) throw new HttpFailure('timeout', `${host} did not answer within ${duration(timeoutMs)}`);
      throw failureOf(error, host);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The request as `axios.request` would hand it to the adapter: its headers on top of axios's defaults. */
  private dispatch(
    request: HttpRequest,
    agents: ReturnType<RequestAgents['for']>,
    signal: AbortSignal,
  ): Promise<AxiosResponse<Readable>> {
    const headers = AxiosHeaders.concat(this.defaultHeaders, request.headers);
    const withBody = request.method !== 'GET' && request.body !== undefined;
    // axios's own default for a request that may carry a body, when the request names none.
    if (request.method !== 'GET') headers.setContentType('application/x-www-form-urlencoded', false);
    const config: InternalAxiosRequestConfig = Object.assign(Object.create(this.template) as object, {
      url: request.url,
      method: request.method.toLowerCase(),
      headers,
      ...(withBody && { data: request.body }),
      httpAgent: agents.http,
      httpsAgent: agents.https,
      signal,
    });
    return this.adapter(config) as Promise<AxiosResponse<Readable>>;
  }

  /** Closes the kept-alive connections (on stop). */
  close(): void {
    this.agents.destroy();
  }
}

/**
 * The proxy's host:port when the answer is that proxy refusing credentials, else null: only
 * plain http hands a proxy's own answer back as a response.
 */
function refusedByProxy(
  request: HttpRequest,
  status: number,
  headers: Record<string, string>,
): string | null {
  const proxyUrl = request.route?.proxyUrl;
  if (!proxyUrl || new URL(request.url).protocol !== 'http:') return null;
  const proxy = new URL(proxyUrl);
  return isProxyAuthRefusal(status, headers, proxy.username !== '') ? proxy.host : null;
}

/**
 * axios strips line breaks from header values, which would send a secret other than the one
 * stored; Node's own check refuses them instead, and the value never reaches the message.
 */
function refuseUnsendableHeaders(headers: Record<string, string>, host: string): void {
  for (const [name, value] of Object.entries(headers)) {
    try {
      validateHeaderName(name);
      validateHeaderValue(name, value);
    } catch {
      throw new HttpFailure(
        'network',
        `${host}: the request could not be sent (a header holds characters HTTP does not allow)`,
      );
    }
  }
}

/** Reads the body as it streams and stops as soon as it passes the limit. */
function readBody(
  stream: Readable,
  contentLength: string | undefined,
  maxBodyBytes: number,
  host: string,
): Promise<string> {
  const tooLarge = () => {
    stream.destroy();
    return new HttpFailure('too_large', `the answer from ${host} was larger than ${maxBodyBytes} bytes`);
  };
  const declared = Number(contentLength ?? NaN);
  if (Number.isFinite(declared) && declared > maxBodyBytes) return Promise.reject(tooLarge());
  // Events rather than async iteration: the same reading, without a promise per chunk.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    stream.on('data', (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > maxBodyBytes) reject(tooLarge());
      else chunks.push(chunk);
    });
    // An error, or a close before the end (a reset connection, the deadline's abort), rejects.
    finished(stream, (error) => {
      if (error) reject(error);
      else resolve(Buffer.concat(chunks, total).toString('utf8'));
    });
  });
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
