import { z } from 'zod';
import { UnknownAccountError } from './accounts';
import { hasContentType, jsonReply, parseJsonObject, type Reply, type SimRequest } from './http';
import { SIM_DIALECTS, type Simulator } from './types';

/**
 * The control plane, for tests that drive the simulator from another process (end-to-end, demo):
 *   POST /_sim/provision       {dialect, options?}    -> Provisioned
 *   POST /_sim/inject          {key, fault, times?}   -> 204
 *   GET  /_sim/stats/:key                             -> {requestCount, familyRevoked, revokedCount}
 *   POST /_sim/partner-token   {key, lifetimeSec}     -> {token, expiresAt}
 *   POST /_sim/response-delay  {key, ms}              -> 204
 *   POST /_sim/token-status    {token}                -> {accessLive, refreshLive}  (POST keeps tokens out of URLs)
 * Requests with an Origin header are refused, so a web page cannot drive it.
 */
export const CONTROL_PREFIX = '/_sim/';

const Key = z.string().min(1);

const ProvisionOptionsSchema = z.strictObject({
  accessLifetimeSec: z.number().positive().optional(),
  refreshLifetimeSec: z.number().positive().nullable().optional(),
  rotate: z.boolean().optional(),
  graceWindowMs: z.number().nonnegative().optional(),
  scope: z.string().optional(),
  sendRefreshExpiresIn: z.boolean().optional(),
  expiresInAsString: z.boolean().optional(),
  expiresInForm: z.enum(['date', 'word']).optional(),
  omitExpiresIn: z.boolean().optional(),
  refreshInSec: z.number().nonnegative().optional(),
});

const FaultSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('status'),
    status: z.number().int().min(100).max(599),
    body: z.string().optional(),
    headers: z.record(z.string(), z.string()).optional(),
  }),
  z.object({ kind: z.literal('rateLimit'), retryAfterSec: z.number().int().nonnegative().optional() }),
  z.object({ kind: z.literal('slowBody'), delayMs: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('oversized'), bytes: z.number().int().positive() }),
  ...(
    [
      'timeout',
      'reset',
      'malformedJson',
      'htmlPage',
      'wrongTypes',
      'missingFields',
      'invalidGrant',
      'invalidClient',
    ] as const
  ).map((kind) => z.object({ kind: z.literal(kind) })),
]);

const routes: Record<string, (simulator: Simulator, body: unknown) => Reply> = {
  provision(simulator, body) {
    const { dialect, options } = z
      .object({ dialect: z.enum(SIM_DIALECTS), options: ProvisionOptionsSchema.optional() })
      .parse(body);
    return jsonReply(200, simulator.provision(dialect, options));
  },
  inject(simulator, body) {
    const { key, fault, times } = z
      .object({ key: Key, fault: FaultSchema, times: z.number().int().positive().optional() })
      .parse(body);
    simulator.inject(key, fault, times);
    return noContent();
  },
  'partner-token'(simulator, body) {
    const { key, lifetimeSec } = z.object({ key: Key, lifetimeSec: z.number().positive() }).parse(body);
    return jsonReply(200, simulator.issuePartnerToken(key, lifetimeSec));
  },
  'response-delay'(simulator, body) {
    const { key, ms } = z.object({ key: Key, ms: z.number().int().nonnegative() }).parse(body);
    simulator.setResponseDelay(key, ms);
    return noContent();
  },
  'token-status'(simulator, body) {
    const { token } = z.object({ token: z.string() }).parse(body);
    return jsonReply(200, {
      accessLive: simulator.isAccessTokenLive(token),
      refreshLive: simulator.isRefreshTokenLive(token),
    });
  },
};

export function control(request: SimRequest, simulator: Simulator): Reply {
  if (request.headers.origin !== undefined)
    return jsonReply(403, { error: 'forbidden', error_description: 'No browsers.' });
  const name = request.path.slice(CONTROL_PREFIX.length);
  try {
    if (request.method === 'GET' && name.startsWith('stats/'))
      return stats(simulator, decodeURIComponent(name.slice('stats/'.length)));
    const route = routes[name];
    if (!route)
      return jsonReply(404, { error: 'not_found', error_description: `No control route ${request.path}.` });
    if (request.method !== 'POST') return jsonReply(405, { error: 'method_not_allowed' }, { Allow: 'POST' });
    if (!hasContentType(request, 'application/json'))
      return badRequest('Content-Type must be application/json.');
    return route(simulator, parseJsonObject(request.body));
  } catch (error) {
    if (error instanceof UnknownAccountError)
      return jsonReply(404, { error: 'unknown_account', error_description: error.message });
    if (error instanceof z.ZodError) return badRequest(z.prettifyError(error));
    throw error;
  }
}

function stats(simulator: Simulator, key: string): Reply {
  return jsonReply(200, {
    requestCount: simulator.requestCount(key),
    familyRevoked: simulator.familyRevoked(key),
    revokedCount: simulator.revokedCount(key),
  });
}

function noContent(): Reply {
  return { status: 204, headers: {}, body: '' };
}

function badRequest(description: string): Reply {
  return jsonReply(400, { error: 'invalid_request', error_description: description });
}
