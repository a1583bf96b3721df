/**
 * `tokentray`'s exit codes, one per reason a script may want to tell apart
 * (`gh auth token` and `op read` likewise exit non-zero with a reason on stderr).
 */
export const EXIT = {
  ok: 0,
  /** Anything not named below: the message on stderr says what. */
  failed: 1,
  usage: 2,
  notRunning: 3,
  /** The instance cannot read secrets: the keychain is unreachable or the profile is locked. */
  locked: 4,
  notFound: 5,
  ambiguous: 6,
  needsAction: 7,
  expired: 8,
  /**
   * The keychain stopped answering while the instance runs: renewals go on with the data key in
   * memory, key operations are refused, and the next start would be locked.
   */
  keychainAway: 9,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A reason to stop, with the code the process exits with and one message for stderr. */
export class CommandFailure extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
    this.name = 'CommandFailure';
  }
}

/** A renewal the partner refused: the outcome's sentence and guidance, as the window shows them. */
export function needsActionFailure(
  name: string,
  outcome: { message: string; guidance: string[] },
): CommandFailure {
  return new CommandFailure(
    EXIT.needsAction,
    [`${name} needs action: ${outcome.message}`, ...outcome.guidance].join('\n'),
  );
}
