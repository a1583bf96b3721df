import { STATUS_CODES } from 'node:http';
import type { FaultSamples } from './dialects/dialect';
import { jsonReply, type Answer, type Reply } from './http';
import type { Fault } from './types';

/**
 * Fault injection. A fault stands in for the account's next answers: the account's state does not
 * change (no token is issued or rotated), except with slowBody, which delays the body of a real answer.
 */
export class FaultQueue {
  private readonly queue: { fault: Fault; remaining: number }[] = [];

  push(fault: Fault, times = 1): void {
    if (times > 0) this.queue.push({ fault, remaining: times });
  }

  take(): Fault | undefined {
    const next = this.queue[0];
    if (!next) return undefined;
    next.remaining -= 1;
    if (next.remaining === 0) this.queue.shift();
    return next.fault;
  }
}

export type FaultEffect = Answer | { kind: 'slowBody'; delayMs: number };

export function faultEffect(fault: Fault, samples: FaultSamples): FaultEffect {
  const success = samples.successStatus;
  switch (fault.kind) {
    case 'status':
      return reply(statusReply(fault.status, fault.body, fault.headers ?? {}));
    case 'rateLimit':
      return reply(
        jsonReply(
          429,
          { error: 'rate_limited', error_description: 'Too many requests.' },
          fault.retryAfterSec === undefined ? {} : { 'Retry-After': String(fault.retryAfterSec) },
        ),
      );
    case 'timeout':
      return { kind: 'hang' };
    case 'slowBody':
      return { kind: 'slowBody', delayMs: fault.delayMs };
    case 'reset':
      return { kind: 'reset' };
    case 'malformedJson':
      // Cut off mid-string, as a proxy that dropped the connection would leave it.
      return reply({ status: success, headers: jsonType(), body: '{"access_token":"eyJhbGciOiJIUzI1Ni' });
    case 'htmlPage':
      // A single sign-on or captive portal page answers 200 whatever was asked.
      return reply({
        status: 200,
        headers: { 'Content-Type': 'text/html; charset=utf-8' },
        body: LOGIN_PAGE,
      });
    case 'wrongTypes':
      return reply(jsonReply(success, samples.wrongTypes));
    case 'missingFields':
      return reply(jsonReply(success, samples.missingFields));
    case 'oversized':
      return reply({ status: success, headers: jsonType(), body: oversizedJson(fault.bytes) });
    case 'invalidGrant':
      return reply(samples.invalidGrant);
    case 'invalidClient':
      return reply(samples.invalidClient);
  }
}

function reply(value: Reply): Answer {
  return { kind: 'reply', reply: value };
}

function jsonType(): Record<string, string> {
  return { 'Content-Type': 'application/json; charset=utf-8' };
}

function statusReply(status: number, body: string | undefined, headers: Record<string, string>): Reply {
  const text = body ?? `${status} ${STATUS_CODES[status] ?? 'Simulated status'}`;
  const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  return { status, headers: hasType ? headers : { 'Content-Type': guessType(text), ...headers }, body: text };
}

function guessType(body: string): string {
  const start = body.trimStart();
  if (start.startsWith('<')) return 'text/html; charset=utf-8';
  if (start.startsWith('{') || start.startsWith('[')) return 'application/json; charset=utf-8';
  return 'text/plain; charset=utf-8';
}

/** A JSON object of exactly `bytes` bytes (at least the smallest one), padded inside a string. */
function oversizedJson(bytes: number): string {
  const head = '{"token_type":"Bearer","access_token":"';
  const tail = '"}';
  return head + 'A'.repeat(Math.max(0, bytes - head.length - tail.length)) + tail;
}

const LOGIN_PAGE = `<!DOCTYPE html>
<html><head><title>Sign in</title></head>
<body><h1>Sign in to continue</h1><form method="post" action="/login"><input name="user"></form></body></html>
`;
