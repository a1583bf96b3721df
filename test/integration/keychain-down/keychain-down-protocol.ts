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

/** A connection as the window shows it, and what its keychain entries say. */
export type StoredConnectionReport = ConnectionReport & {
  previousRefreshTokenLeft: boolean;
  /** Whether the partner accepts the access token the keychain holds (asked on the test's simulator). */
  storedAccessTokenLive: boolean;
};

/** The answer to a key operation, as facts about what the window would show. */
export interface KeyOperationReport {
  ok: boolean;
  code: string | null;
  /** The sentence says which operation did not happen. */
  namesOperation: boolean;
  /** The sentence names the system keychain as the reason. */
  namesKeychain: boolean;
  /** The sentence or guidance says renewals go on with the key in memory. */
  saysRenewalsGoOn: boolean;
}

export type AppReport =
  | {
      phase: 'down';
      keychainAtStart: boolean;
      firstRenewal: OutcomeReport;
      /** The keyring stopped while the busy connection's renewal was on the wire. */
      midFlight: OutcomeReport;
      /** Then the idle connection's renewal came due. */
      idleAfterDue: ConnectionReport;
      manualRenewal: OutcomeReport;
      /** The idle connection's token copied with the keychain gone: the stored one, and the partner takes it. */
      copy: { ok: boolean; sameToken: boolean; tokenLive: boolean };
      /** The idle connection's token verified at the partner with the keychain gone. */
      verify: { ok: boolean };
      /** A key rotation asked for with the keychain gone. */
      rotate: KeyOperationReport;
      /** After the refused rotation the window shows the keychain as away. */
      keychainShownAway: boolean;
      /** The window showed the keychain away before any key operation asked it, from the core's own check. */
      keychainShownAwayUnasked: boolean;
      /** A renewal after the refused rotation. */
      renewalAfterRotate: OutcomeReport;
      /** What the first process held when it stopped, the keyring still away. */
      connections: Record<AccountName, StoredConnectionReport>;
      /** Renewal requests each partner account received, at each step. */
      requests: Record<'beforeOutage' | 'whileDown' | 'whileLocked', Record<AccountName, number>>;
      /** A second process started while the keyring was still stopped. */
      locked: {
        reason: string | null;
        renewal: string;
        statuses: string[];
        /** "Start over" asked for while locked with the keyring still stopped. */
        startOver: KeyOperationReport;
        reasonAfterStartOver: string | null;
      };
    }
  | {
      /** The app started again on the same profile afterwards: it finds what the first process left. */
      phase: 'resume';
      keychainAtStart: boolean;
      connections: Record<AccountName, StoredConnectionReport>;
      /** The same tokens the first process held when it stopped. */
      fingerprintsKept: Record<AccountName, boolean>;
      /** A renewal by hand with the refresh token the keychain kept. */
      manualRenewals: Record<AccountName, OutcomeReport>;
      requests: Record<AccountName, number>;
    }
  | { phase: 'error'; message: string };

/** Passed from the first app process to the restarted one, beside the profile. */
export interface Handoff {
  connectionIds: Record<AccountName, string>;
  clockAt: number;
  /** Fingerprints of the tokens held when the first process stopped. */
  fingerprintsAtStop: Record<AccountName, string | null>;
}
