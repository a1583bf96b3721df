import type { HttpClient, HttpRequest, HttpResponse } from '../../../main/core/http/http-client';

/**
 * The real HTTP client with a shorter deadline than the engine's 30 s, so a hanging partner
 * times out in a test in under a second. Everything else (the request, the body limit, the
 * abort on timeout) is the real client's own behaviour.
 */
export class ShortDeadlineHttp implements HttpClient {
  constructor(
    private readonly inner: HttpClient,
    readonly deadlineMs: number,
  ) {}

  send(request: HttpRequest): Promise<HttpResponse> {
    return this.inner.send({ ...request, timeoutMs: this.deadlineMs });
  }
}
