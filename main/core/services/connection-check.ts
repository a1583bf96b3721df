import type { Connection } from '../domain';
import { TokenTrayError } from '../domain';
import { renewalUrl } from '../dialects/build-request';
import { checkEndpointUrl } from '../dialects/endpoint-security';
import { profileFor } from '../dialects/presets';
import type { PartnerNetworkClient } from '../http/partner-network-client';
import { checkRoute } from '../http/route-check';
import type { RouteCheck } from '../http/route-check';

export type ConnectionCheck = RouteCheck;

/**
 * "Test connection": the way to the connection's token endpoint (its verify URL for a token
 * pasted by hand), step by step, with the proxy, CAs, client certificate and deadline a renewal
 * would use now. Nothing is renewed (see `checkRoute`).
 */
export async function checkConnection(
  connection: Connection,
  network: PartnerNetworkClient,
): Promise<ConnectionCheck> {
  const url = addressOf(connection);
  const { route, timeoutMs } = await network.routeOf(url, { connectionId: connection.id });
  return checkRoute(url, route, timeoutMs);
}

function addressOf(connection: Connection): string {
  const profile = connection.dialect === 'manual' ? null : profileFor(connection);
  const address = profile ? connection.endpoint : (connection.verifyUrl ?? '');
  if (address === '' && connection.dialect === 'manual') {
    throw new TokenTrayError(
      'missing_setting',
      'This connection has no address to test: its token is pasted by hand.',
      ["Add the partner's verify URL to the connection to test the way to it."],
    );
  }
  const endpoint = checkEndpointUrl(address);
  if (!endpoint.ok)
    throw new TokenTrayError('insecure_endpoint', endpoint.message, ["Edit the connection's endpoint."]);
  return profile ? renewalUrl(endpoint.url, profile.request.path) : endpoint.url.href;
}
