import type { Provisioned } from '../../simulator/simulator';

/** What the test hands the status-command scenario (status-command-app.ts). */
export interface StatusCommandInput {
  account: Provisioned;
  profileDirectory: string;
  keychainService: string;
}

/** One run of the built command: exit code and output. */
export interface StatusRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface StatusCommandReport {
  /** `tokentray status` with the keyring running. */
  before: StatusRun;
  /** The rotation the instance tried with the keyring stopped was refused with `keychain_unavailable`. */
  rotationRefused: boolean;
  /** `tokentray status` once the instance met the stopped keyring. */
  after: StatusRun;
  afterJson: StatusRun;
  /** `tokentray token` then: whether it printed the stored token (never the token itself). */
  token: { code: number; storedToken: boolean; stderr: string };
}
