/** What the crash test's child process says on stdout, one JSON object a line: fingerprints at most, never a secret. */
export type ChildReport =
  /** Start-up and its recovery renewals are done; a churn run renews in a loop from here on. */
  | { event: 'recovered'; connections: ConnectionSummary[] }
  /** A renewal request is about to go out, presenting the refresh token with this fingerprint. */
  | { event: 'sending'; connectionId: string; sentFingerprint: string }
  /** The partner answered that request with a success: from here until the keychain write, a kill loses the answer. */
  | { event: 'answered'; connectionId: string; sentFingerprint: string }
  /** A final run renewed each connection once. */
  | { event: 'summary'; connections: ConnectionSummary[]; partners?: string[] }
  /** The API answered success to adding this partner: it must survive anything from here. */
  | { event: 'acknowledged'; partner: string };

/** A connection as the app shows it, and the fingerprints of the tokens its keychain entries hold. */
export interface ConnectionSummary {
  id: string;
  dialect: string;
  status: string;
  phase: string;
  followUpReason: string | null;
  guidance: string[];
  refreshFingerprint: string | null;
  accessFingerprint: string | null;
}

export function parseChildReport(line: string): ChildReport | null {
  try {
    const value = JSON.parse(line) as ChildReport;
    return typeof value === 'object' && value !== null && 'event' in value ? value : null;
  } catch {
    return null;
  }
}
