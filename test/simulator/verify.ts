import { bearerChallenge, bearerToken } from './bearer';
import { jsonReply, type Reply, type SimRequest } from './http';
import type { SimState } from './state';

/**
 * GET /verify with `Authorization: Bearer <token>`: the partner's API in miniature. 200 while the access
 * (or manual partner) token is live, 401 once it expired or was revoked (the second step when a token fails: verify it here).
 */
export const VERIFY_PATH = '/verify';

export function verify(request: SimRequest, state: SimState): Reply {
  if (request.method !== 'GET') return jsonReply(405, { error: 'method_not_allowed' }, { Allow: 'GET' });
  const token = bearerToken(request);
  if (!token) return bearerChallenge(false);
  return state.ledger.isLive(token, 'access', state.now())
    ? jsonReply(200, { ok: true })
    : bearerChallenge(true);
}
