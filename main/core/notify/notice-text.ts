import type { EpochMs } from '../domain/ids';
import type { StorageState } from '../store/storage-failure';

/** Something a person should hear about: a manual token's reminder, or a renewal that needs them. */
export type Alert =
  | { kind: 'reminder'; connectionId: string; label: string; days: number; expiresAt: EpochMs }
  | { kind: 'needsAction'; connectionId: string; label: string };

/** One desktop notification. */
export interface DesktopNotice {
  title: string;
  body: string;
  /** The connection a click opens: the most urgent one for a summary. */
  connectionId: string;
  /** How many connections it speaks for. */
  count: number;
}

const NAMES_IN_SUMMARY = 3;

/** Most urgent first: needs action, then the reminder with the fewest days left. */
export function byUrgency(a: Alert, b: Alert): number {
  if (a.kind !== b.kind) return a.kind === 'needsAction' ? -1 : 1;
  if (a.kind === 'reminder' && b.kind === 'reminder') return a.days - b.days;
  return 0;
}

/**
 * Adds an alert to those waiting, one per connection: needs action outranks a
 * reminder, and a nearer reminder outranks a farther one.
 */
export function mergeAlert(waiting: readonly Alert[], alert: Alert): Alert[] {
  const existing = waiting.find((a) => a.connectionId === alert.connectionId);
  if (!existing) return [...waiting, alert];
  const keep = byUrgency(alert, existing) < 0 ? alert : existing;
  return waiting.map((a) => (a === existing ? keep : a));
}

/**
 * One notification for the alerts given: the alert itself when there is one, a summary when there are
 * several. With `now`, a reminder says how long the token has left at that moment (a reminder held
 * through quiet hours, or raised late because the app was off, is past its milestone).
 */
export function noticeFor(alerts: readonly Alert[], now?: EpochMs): DesktopNotice | null {
  const sorted = [...alerts].sort(byUrgency);
  const first = sorted[0];
  if (!first) return null;
  if (sorted.length === 1) return { ...singleNotice(first, now), connectionId: first.connectionId, count: 1 };

  const needsAction = sorted.filter((a) => a.kind === 'needsAction').length;
  const expiring = sorted.length - needsAction;
  const counts = [
    needsAction > 0 ? `${needsAction} ${needsAction === 1 ? 'needs' : 'need'} action` : null,
    expiring > 0 ? `${expiring} ${expiring === 1 ? 'token expires' : 'tokens expire'} soon` : null,
  ].filter((part) => part !== null);
  const names = sorted.slice(0, NAMES_IN_SUMMARY).map((a) => a.label);
  const more = sorted.length - names.length;
  return {
    title: `${sorted.length} connections need your attention`,
    body: `${counts.join(', ')}: ${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}.`,
    connectionId: first.connectionId,
    count: sorted.length,
  };
}

function singleNotice(alert: Alert, now: EpochMs | undefined): { title: string; body: string } {
  if (alert.kind === 'needsAction') {
    return {
      title: `${alert.label} needs action`,
      body: 'Its token could not be renewed. Open TokenTray for the steps to fix it.',
    };
  }
  return {
    title: `${alert.label}: token ${now === undefined ? `expires ${inDays(alert.days)}` : timeLeft(alert.expiresAt - now)}`,
    body: "This token cannot renew itself. Get a new one from the partner's portal and paste it in TokenTray.",
  };
}

const HOUR_MS = 60 * 60_000;

/**
 * "expires in 5 days", "expires in 12 hours": to the nearest hour (a reminder shown seconds after its
 * 3-day milestone still says 3 days), then whole days rounded down; never a date, which would need a zone.
 */
function timeLeft(remainingMs: number): string {
  if (remainingMs <= 0) return 'has expired';
  const hours = Math.round(remainingMs / HOUR_MS);
  if (hours < 1) return 'expires within the hour';
  if (hours < 24) return `expires in ${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  const days = Math.floor(hours / 24);
  return `expires in ${days} ${days === 1 ? 'day' : 'days'}`;
}

function inDays(days: number): string {
  if (days <= 0) return 'today';
  if (days === 1) return 'tomorrow';
  return `in ${days} days`;
}

/** The one notification when changes stop being saved (a full or read-only disk, the profile folder gone). */
export function storageNotice(state: StorageState): DesktopNotice | null {
  if (state.ok) return null;
  return { title: state.message, body: state.guidance[0] ?? '', connectionId: '', count: 0 };
}
