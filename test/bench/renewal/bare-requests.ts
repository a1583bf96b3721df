import type { HttpRequest, HttpResponse } from '../../../main/core/http/http-client';
import type { HttpClient } from '../../../main/core/http/http-client';
import { buildRenewalRequest } from '../../../main/core/dialects/build-request';
import { profileFor } from '../../../main/core/dialects/presets';
import { ConnectionSchema } from '../../../main/core/domain/connection';
import type { RenewalLimiter } from '../../../main/core/engine/limiter';
import type { Simulator } from '../../simulator/simulator';
import { connectionFor } from '../../support/connection-for';
import { ACCESS_LIFETIME_SEC, dialectAt } from './dialect-mix';

/**
 * The baseline's requests: for `count` fresh simulator accounts of the same
 * dialect mix, exactly the renewal requests the engine would send, built up
 * front so that only sending them is timed.
 */
export function buildBareRequests(simulator: Simulator, count: number): HttpRequest[] {
  const requests: HttpRequest[] = [];
  for (let index = 0; index < count; index++) {
    const provisioned = simulator.provision(dialectAt(index), { accessLifetimeSec: ACCESS_LIFETIME_SEC });
    const { input, secrets } = connectionFor(provisioned, 'baseline-partner');
    const connection = ConnectionSchema.parse({ ...input, id: `baseline-${index}`, createdAt: 0 });
    const profile = profileFor(connection);
    if (!profile) throw new Error(`No profile for ${connection.dialect}`);
    requests.push(
      buildRenewalRequest(profile, connection, {
        clientSecret: secrets.clientSecret ?? null,
        refreshToken: secrets.refreshToken ?? null,
        accessToken: secrets.accessToken ?? null,
      }),
    );
  }
  return requests;
}

/** Sends them all with the engine's client and limiter, without the engine. */
export function sendBareRequests(
  requests: readonly HttpRequest[],
  http: HttpClient,
  limiter: RenewalLimiter,
): Promise<HttpResponse[]> {
  return Promise.all(
    requests.map((request) => limiter.run(new URL(request.url).host, () => http.send(request))),
  );
}
