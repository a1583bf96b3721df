import type { HttpClient, HttpRequest, HttpResponse } from '../../main/core/http/http-client';

/** The real HTTP client, counting how many requests are under way at once. */
export class ConcurrencyCountingHttp implements HttpClient {
  maxInFlight = 0;
  private inFlight = 0;

  constructor(private readonly inner: HttpClient) {}

  async send(request: HttpRequest): Promise<HttpResponse> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      return await this.inner.send(request);
    } finally {
      this.inFlight -= 1;
    }
  }
}
