import type { RenewalOutcome, VerifyResult } from '../api/types';
import { formatFull, formatWhen } from './time';

/** A renewal's outcome as one sentence, for the live region and the panel. */
export function describeRenewal(outcome: RenewalOutcome): string {
  switch (outcome.kind) {
    case 'renewed':
      return outcome.expiresAt === null
        ? 'Renewed. The partner did not say when the new token expires.'
        : `Renewed. The new token expires ${formatFull(outcome.expiresAt)}.`;
    case 'retry':
      return outcome.nextAttemptAt === undefined
        ? `Not renewed yet: ${outcome.message} TokenTray will retry shortly.`
        : `Not renewed yet: ${outcome.message} TokenTray will retry at ${formatWhen(outcome.nextAttemptAt)}.`;
    case 'followUp':
      return `Needs action: ${outcome.message}`;
  }
}

export function describeVerify(result: VerifyResult): string {
  const status = result.httpStatus === null ? '' : ` (HTTP ${result.httpStatus})`;
  return result.ok ? `Verified: ${result.message}` : `Verification failed: ${result.message}${status}`;
}
