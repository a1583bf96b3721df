import type { FollowUpReason, TransientReason } from '../../../main/core/domain';
import type { Fault, ProvisionOptions, SimDialect } from '../../simulator/simulator';

export type RenewableDialect = Exclude<SimDialect, 'manual'>;
export const RENEWABLE: RenewableDialect[] = [
  'oauth2',
  'oauth-tokens-envelope',
  'partner-header',
  'bearer-rotation',
];

/** The real client's deadline in these tests; the engine's own is 30 s. */
export const DEADLINE_MS = 500;

export type Expected =
  | { kind: 'retry'; reason: TransientReason; httpStatus?: number; retryAfterMs?: number }
  | { kind: 'followUp'; reason: FollowUpReason; httpStatus?: number };

export interface FaultCase {
  name: string;
  fault: Fault;
  expected: (dialect: RenewableDialect) => Expected;
  /** Account options the case needs on top of the matrix's own. */
  provision?: ProvisionOptions;
}

/** The status each dialect answers a renewal with (oauth-tokens-envelope answers 201). */
const successStatus = (dialect: RenewableDialect) => (dialect === 'oauth-tokens-envelope' ? 201 : 200);

const BAD_GATEWAY_PAGE =
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>' +
  '<body><h1>Bad Gateway</h1><p>The upstream server did not answer.</p></body></html>';

/** Transient failures retry, refusals and unreadable answers stop. */
export const FAULT_CASES: FaultCase[] = [
  {
    name: 'HTTP 500',
    fault: { kind: 'status', status: 500 },
    expected: () => ({ kind: 'retry', reason: 'server_error', httpStatus: 500 }),
  },
  {
    name: 'HTTP 502 with an HTML error page',
    fault: { kind: 'status', status: 502, body: BAD_GATEWAY_PAGE },
    expected: () => ({ kind: 'retry', reason: 'server_error', httpStatus: 502 }),
  },
  {
    name: 'a connection reset before any answer',
    fault: { kind: 'reset' },
    expected: () => ({ kind: 'retry', reason: 'network' }),
  },
  {
    name: 'no answer at all',
    fault: { kind: 'timeout' },
    expected: () => ({ kind: 'retry', reason: 'timeout' }),
  },
  {
    name: 'a body that arrives after the deadline',
    fault: { kind: 'slowBody', delayMs: DEADLINE_MS * 3 },
    expected: () => ({ kind: 'retry', reason: 'timeout' }),
    // The partner rotated while the body was late: the retry presents the old refresh token again.
    provision: { graceWindowMs: 60 * 60_000 },
  },
  {
    name: 'HTTP 429 with Retry-After',
    fault: { kind: 'rateLimit', retryAfterSec: 120 },
    expected: () => ({ kind: 'retry', reason: 'rate_limited', httpStatus: 429, retryAfterMs: 120_000 }),
  },
  {
    name: 'HTTP 429 without Retry-After',
    fault: { kind: 'rateLimit' },
    expected: () => ({ kind: 'retry', reason: 'rate_limited', httpStatus: 429 }),
  },
  {
    name: 'malformed JSON',
    fault: { kind: 'malformedJson' },
    expected: (d) => ({ kind: 'followUp', reason: 'malformed_response', httpStatus: successStatus(d) }),
  },
  {
    name: 'fields of the wrong types',
    fault: { kind: 'wrongTypes' },
    expected: (d) => ({ kind: 'followUp', reason: 'malformed_response', httpStatus: successStatus(d) }),
  },
  {
    name: 'missing fields',
    fault: { kind: 'missingFields' },
    expected: (d) => ({ kind: 'followUp', reason: 'malformed_response', httpStatus: successStatus(d) }),
  },
  {
    name: 'an oversized body',
    fault: { kind: 'oversized', bytes: 2 * 1024 * 1024 },
    // Cut off before any status is read into the outcome.
    expected: () => ({ kind: 'followUp', reason: 'malformed_response' }),
  },
  {
    name: 'an HTML page with status 200',
    fault: { kind: 'htmlPage' },
    expected: () => ({ kind: 'followUp', reason: 'malformed_response', httpStatus: 200 }),
  },
  {
    name: 'invalid_grant',
    fault: { kind: 'invalidGrant' },
    expected: (d) => ({
      kind: 'followUp',
      reason: 'invalid_grant',
      httpStatus: d === 'oauth-tokens-envelope' ? 401 : 400,
    }),
  },
  {
    name: 'invalid_client',
    fault: { kind: 'invalidClient' },
    // bearer-rotation has no client credentials: its server refuses the Bearer token instead (RFC 6750 invalid_token).
    expected: (d) =>
      d === 'bearer-rotation'
        ? { kind: 'followUp', reason: 'unauthorized', httpStatus: 401 }
        : { kind: 'followUp', reason: 'invalid_client', httpStatus: 401 },
  },
];
