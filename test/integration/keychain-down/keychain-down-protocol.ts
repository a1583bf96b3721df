import type { Provisioned } from '../../simulator/simulator';

/** What the test hands the app processes, in a file only they read (it holds the accounts' secrets). */
export interface KeychainDownInput {
  simulatorUrl: string;
  /** oauth2 accounts on the test's simulator, rotating their refresh tokens, with a grace window. */
  accounts: {
    /** Renewed before the outage, and again while the keyring stops mid-request. */
    busy: Provisioned;
    /** Left alone until its renewal comes due during the outage. */
    idle: Provisioned;
  };
  profileDirectory: string;
  keychainService: string;
  startAt: number;
}

export type AccountName = keyof KeychainDownInput['accounts'];

/** A connection as the window shows it, without any secret. */
export interface ConnectionReport {
  status: string;
  phase: string;
  nextAttemptAt: number | null;
  /** Whether the error shown names the keychain (the text itself stays in the app). */
  errorNamesKeychain: boolean;
  fingerprint: string | null;
}

export interface OutcomeReport {
  kind: string;
  reason?: string;
}

export type AppReport =
  | {
      phase: 'down';
      keychainAtStart: boolean;
      firstRenewal: OutcomeReport;
      /** The keyring stopped while the busy connection's renewal was on the wire. */
      midFlight: OutcomeReport;
      /** Then the idle connection's renewal came due, and the busy one's retry. */
      idleAfterDue: ConnectionReport;
      busyAfterDue: ConnectionReport;
      keychainAvailableAfterDue: boolean;
      manualRenewal: OutcomeReport;
      /** Renewal requests each partner account received, at each step. */
      requests: Record<'beforeOutage' | 'afterMidFlight' | 'whileDown', Record<AccountName, number>>;
      /** Informational: the same process once the keyring was started again (libsecret keeps its old connection). */
      sameProcessAfterRestart: { keychainAvailable: boolean; busyStatus: string };
    }
  | {
      phase: 'resume';
      keychainAtStart: boolean;
      connections: Record<AccountName, ConnectionReport & { previousRefreshTokenLeft: boolean }>;
      fingerprintsChanged: Record<AccountName, boolean>;
      requests: Record<AccountName, number>;
    }
  | { phase: 'error'; message: string };

/** Passed from the first app process to the restarted one, beside the profile. */
export interface Handoff {
  connectionIds: Record<AccountName, string>;
  clockAt: number;
  /** Fingerprints of the tokens held just before the keyring was stopped. */
  fingerprintsBeforeOutage: Record<AccountName, string | null>;
}
