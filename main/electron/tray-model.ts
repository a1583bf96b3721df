import type { EpochMs } from '../core/domain/ids';
import type { ConnectionStatus } from '../core/view/connection-status';
import type { ListSnapshot } from '../core/view/list-snapshot';
import type { TrayState } from './tray-icons';
import { trayStateOf } from './tray-icons';

/** What the tray shows, taken from a snapshot: plain data, so the rules are testable without Electron. */
export interface TraySummary {
  state: TrayState;
  connections: number;
  needsAction: number;
  /** Expiring soon, or retrying after a transient failure. */
  expiring: number;
  /** Not renewed: paused from the tray, disabled, or their partner suspended. */
  paused: number;
  renewalsPaused: boolean;
  keychainAvailable: boolean;
  /** The profile's secrets are locked (no data key opened them at start-up): nothing renews. */
  locked: boolean;
  /** Changes cannot be saved: a full or read-only disk, or the profile folder gone. */
  storageProblem: string | null;
  /** Renewable connections whose planned renewal time has come. */
  due: number;
  nextExpiry: { at: EpochMs; label: string } | null;
}

/** Windows cuts tray tooltips at 127 characters. */
const TOOLTIP_MAX = 127;
const LABEL_MAX = 40;

export function traySummaryOf(snapshot: ListSnapshot): TraySummary {
  const { counts, worstStatus, nextExpiryAt } = snapshot.summary;
  let due = 0;
  let nextExpiry: TraySummary['nextExpiry'] = null;
  for (const partner of snapshot.partners) {
    for (const connection of partner.connections) {
      // The same rule as the core's renewDue: renewable, and its planned time has come.
      if (
        connection.dialect !== 'manual' &&
        connection.nextRenewalAt !== null &&
        connection.nextRenewalAt <= snapshot.at
      ) {
        due += 1;
      }
      if (nextExpiry === null && nextExpiryAt !== null && connection.token?.expiresAt === nextExpiryAt) {
        nextExpiry = { at: nextExpiryAt, label: `${partner.name} · ${connection.label}` };
      }
    }
  }
  return {
    // Changes that cannot be saved need a person (free space, remount) whatever the connections say.
    state: snapshot.storage.ok ? trayStateOf(worstStatus) : 'needsAction',
    connections: total(counts),
    needsAction: counts.needsAction,
    expiring: counts.expiringSoon + counts.retrying,
    paused: counts.paused,
    renewalsPaused: snapshot.renewalsPaused,
    keychainAvailable: snapshot.keychainAvailable,
    locked: snapshot.secretsLock !== null,
    storageProblem: snapshot.storage.ok ? null : snapshot.storage.message,
    due,
    nextExpiry,
  };
}

/** The worst state first, then the next expiry, e.g. "TokenTray: 2 need action\nNext expiry: Acme · Live in 3 h 5 min". */
export function trayTooltip(summary: TraySummary, now: EpochMs): string {
  const lines = [`TokenTray: ${stateSentence(summary)}`];
  if (!summary.keychainAvailable) lines.push('Keychain unavailable');
  if (summary.renewalsPaused) lines.push('Renewals paused');
  if (summary.nextExpiry) {
    lines.push(
      `Next expiry: ${shorten(summary.nextExpiry.label)} ${formatTimeUntil(summary.nextExpiry.at - now)}`,
    );
  } else if (summary.connections > 0) {
    lines.push('No token is due to expire');
  }
  const text = lines.join('\n');
  return text.length <= TOOLTIP_MAX ? text : `${text.slice(0, TOOLTIP_MAX - 1)}…`;
}

function stateSentence(summary: TraySummary): string {
  if (summary.storageProblem) return 'cannot save changes';
  if (summary.connections === 0) return 'no connections yet';
  if (summary.needsAction > 0)
    return `${summary.needsAction} ${summary.needsAction === 1 ? 'needs' : 'need'} action`;
  if (summary.expiring > 0) return `${summary.expiring} expiring soon`;
  if (summary.paused > 0) return `${summary.paused} not renewing (paused)`;
  return 'all tokens healthy';
}

export type TrayMenuAction = 'open' | 'renewDue' | 'pauseRenewals' | 'quit';

export type TrayMenuItem =
  | { type: 'normal'; action: TrayMenuAction; label: string; enabled: boolean }
  | { type: 'checkbox'; action: TrayMenuAction; label: string; enabled: boolean; checked: boolean }
  | { type: 'separator' };

export function trayMenuModel(summary: TraySummary): TrayMenuItem[] {
  return [
    { type: 'normal', action: 'open', label: 'Open TokenTray', enabled: true },
    {
      type: 'normal',
      action: 'renewDue',
      label: summary.due > 0 ? `Renew what is due (${summary.due})` : 'Renew what is due',
      // Renewing needs the data key, in memory once unlocked: a keychain gone since start-up does not stop it.
      enabled: !summary.locked && summary.due > 0,
    },
    { type: 'separator' },
    {
      type: 'checkbox',
      action: 'pauseRenewals',
      label: 'Pause renewals',
      enabled: true,
      checked: summary.renewalsPaused,
    },
    { type: 'separator' },
    { type: 'normal', action: 'quit', label: 'Quit TokenTray', enabled: true },
  ];
}

/** "in 3 h 5 min", "in 12 min", "in 4 days": minutes are enough for a tooltip refreshed each minute. */
export function formatTimeUntil(ms: number): string {
  if (ms <= 0) return 'now';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'in less than a minute';
  if (minutes < 60) return `in ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    const rest = minutes % 60;
    return rest === 0 ? `in ${hours} h` : `in ${hours} h ${rest} min`;
  }
  return `in ${Math.floor(hours / 24)} days`;
}

function shorten(label: string): string {
  return label.length <= LABEL_MAX ? label : `${label.slice(0, LABEL_MAX - 1)}…`;
}

function total(counts: Record<ConnectionStatus, number>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}
