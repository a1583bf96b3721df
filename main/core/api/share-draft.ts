import type { EpochMs } from '../domain';
import { dateOrNull, UNREADABLE_DATE } from '../domain/time-range';

export interface ShareDetails {
  partnerName: string;
  contactEmail: string;
  connectionLabel: string;
  token: string;
  fingerprint: string;
  issuedAt: EpochMs | null;
  expiresAt: EpochMs | null;
}

/** Why e-mail is no safe channel for a token, and how long this one stays usable. */
export function shareWarning(expiresAt: EpochMs | null): string {
  const validUntil = expiresAt === null ? 'it is revoked (its lifetime is unknown)' : formatTime(expiresAt);
  return (
    'E-mail is not a secure channel: anyone who can read this message can use the token. ' +
    `Prefer the partner portal where you can. The token stays valid until ${validUntil}.`
  );
}

export function shareSubject(details: Pick<ShareDetails, 'connectionLabel' | 'partnerName'>): string {
  return `API token for ${details.connectionLabel} (${details.partnerName})`;
}

/**
 * A mail draft handing a token to a partner, with the warning that e-mail is no safe channel
 * for it: as a mailto: URL for a mail program, and as plain text to paste where none answers.
 */
export function shareDraft(details: ShareDetails): { mailto: string; message: string; warning: string } {
  const warning = shareWarning(details.expiresAt);
  const subject = shareSubject(details);
  const body = [
    'Hello,',
    '',
    `here is the current API token for "${details.connectionLabel}":`,
    '',
    details.token,
    '',
    `Fingerprint: ${details.fingerprint} (the first 12 hex digits of its SHA-256, to compare without the token)`,
    `Issued: ${details.issuedAt === null ? 'unknown' : formatTime(details.issuedAt)}`,
    `Expires: ${details.expiresAt === null ? 'unknown' : formatTime(details.expiresAt)}`,
    '',
    warning,
  ].join('\r\n');
  // RFC 6068: percent-encoded, spaces as %20 (not +), lines ended by %0D%0A; the @ may stay as it is.
  const to = encodeURIComponent(details.contactEmail).replace(/%40/g, '@');
  const mailto = `mailto:${to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
  const message = [`To: ${details.contactEmail}`, `Subject: ${subject}`, '', body].join('\r\n');
  return { mailto, message, warning };
}

/** UTC, since the partner may read it in another time zone. */
function formatTime(at: EpochMs): string {
  const date = dateOrNull(at);
  return date ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : UNREADABLE_DATE;
}
