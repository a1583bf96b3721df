import { describe, expect, it } from 'vitest';
import { guidanceFor, retriesExhaustedReason } from '../../../main/core/domain/guidance';

describe('guidance after retries ran out', () => {
  it('talks about the keychain, not the network, when the keychain kept failing', () => {
    const steps = guidanceFor(retriesExhaustedReason('keychain_unavailable')).join(' ');
    expect(steps).toMatch(/keychain/i);
    expect(steps).toMatch(/Secret Service/);
    expect(steps).not.toMatch(/network|reach the partner|status page/i);
  });

  it('talks about the network and the partner when the partner could not be reached', () => {
    for (const cause of ['network', 'timeout', 'server_error', 'rate_limited'] as const) {
      expect(retriesExhaustedReason(cause)).toBe('retries_exhausted');
      expect(guidanceFor(retriesExhaustedReason(cause)).join(' ')).toMatch(/network/i);
    }
  });

  it('gives every step as a sentence a person can read', () => {
    for (const step of guidanceFor('keychain_retries_exhausted')) expect(step.trim()).toMatch(/^[A-Z].*\.$/);
  });
});
