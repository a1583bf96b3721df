import type { EpochMs } from './ids';
import { guidanceFor } from './guidance';
import type { FollowUpReason } from './outcome';
import type { ConnectionState, FollowUp } from './state';

/**
 * The state of a connection that stops until a person acts: why, in a sentence the window
 * shows (also as its last error), the steps for that reason, and since when.
 */
export function needsActionState(
  reason: FollowUpReason,
  message: string,
  at: EpochMs,
  detail: Pick<FollowUp, 'httpStatus' | 'byLocalClock'> = {},
): Pick<ConnectionState, 'phase' | 'lastError' | 'followUp'> & { followUp: FollowUp } {
  return {
    phase: 'needsAction',
    lastError: message,
    followUp: { reason, message, guidance: guidanceFor(reason), at, ...detail },
  };
}
