import type { Settings } from '../../api/types';
import { certificatesOf } from '../../../main/core/domain/pem-text';
import { percentTextToShare, shareToPercentText } from '../../format/percent';
import { parseDays } from '../connection-form/connection-form-input';

export interface SettingsFormState {
  renewAtPercent: string;
  leadTimeMinutes: string;
  jitterSeconds: string;
  /** How often a token of unknown lifetime renews, in minutes. */
  unknownLifetimeMinutes: string;
  reminderDays: string;
  notifyOnNeedsAction: boolean;
  quietEnabled: boolean;
  quietStart: string;
  quietEnd: string;
  launchAtLogin: boolean;
  clipboardClearSeconds: string;
  concurrencyGlobal: string;
  concurrencyPerHost: string;
  renewalsPaused: boolean;
  proxyUrl: string;
  proxyUsername: string;
  /** Typed only to change it: the stored password is never shown. */
  proxyPassword: string;
  proxyLoopback: boolean;
  extraCaPem: string;
  timeoutSeconds: string;
}

/** What each settings section reads and writes. */
export interface SettingsFormBinding {
  state: SettingsFormState;
  set: <K extends keyof SettingsFormState>(key: K, value: SettingsFormState[K]) => void;
  error: (key: string) => string | undefined;
}

/** Settings fields keyed as the host names them in `fieldErrors`, with their labels. */
export const SETTINGS_FIELD_LABEL: Record<string, string> = {
  'renewalPolicy.renewAtShare': 'Renew at (% of lifetime)',
  'renewalPolicy.leadTimeMs': 'Lead time (minutes)',
  'renewalPolicy.jitterMs': 'Jitter (seconds)',
  'renewalPolicy.unknownLifetimeIntervalMs': 'Unknown lifetime: renew every (minutes)',
  reminderDays: 'Reminder days',
  'quietHours.start': 'From',
  'quietHours.end': 'Until',
  clipboardClearSeconds: 'Clear the clipboard after (seconds)',
  'concurrency.global': 'Renewals at once',
  'concurrency.perHost': 'Renewals at once per partner host',
  'network.proxyUrl': 'Proxy',
  'network.proxyUsername': 'Proxy user name',
  proxyPassword: 'Proxy password',
  'network.extraCaPem': 'Extra CA certificates (PEM)',
  'network.timeoutSeconds': 'Partner request timeout (seconds)',
};

export function settingsFieldId(key: string): string {
  return `settings-${key.replace(/\./g, '-')}`;
}

/** A host error key → the field that shows it (`reminderDays.3` → `reminderDays`). */
export function settingsFieldOf(key: string): string | null {
  if (key in SETTINGS_FIELD_LABEL) return key;
  if (key.startsWith('reminderDays') || key.startsWith('renewalPolicy.reminderDays')) return 'reminderDays';
  return null;
}

const MINUTE = 60_000;

export function settingsFormState(settings: Settings): SettingsFormState {
  return {
    renewAtPercent: shareToPercentText(settings.renewalPolicy.renewAtShare),
    leadTimeMinutes: String(settings.renewalPolicy.leadTimeMs / MINUTE),
    jitterSeconds: String(settings.renewalPolicy.jitterMs / 1000),
    unknownLifetimeMinutes: String(settings.renewalPolicy.unknownLifetimeIntervalMs / MINUTE),
    reminderDays: [...settings.reminderDays].sort((a, b) => b - a).join(', '),
    notifyOnNeedsAction: settings.notifyOnNeedsAction,
    quietEnabled: settings.quietHours.enabled,
    quietStart: settings.quietHours.start,
    quietEnd: settings.quietHours.end,
    launchAtLogin: settings.launchAtLogin,
    clipboardClearSeconds: String(settings.clipboardClearSeconds),
    concurrencyGlobal: String(settings.concurrency.global),
    concurrencyPerHost: String(settings.concurrency.perHost),
    renewalsPaused: settings.renewalsPaused,
    proxyUrl: settings.network.proxyUrl ?? '',
    proxyUsername: settings.network.proxyUsername ?? '',
    proxyPassword: '',
    proxyLoopback: settings.network.proxyLoopback,
    extraCaPem: settings.network.extraCaPem ?? '',
    timeoutSeconds: String(settings.network.timeoutSeconds),
  };
}

/** The proxy URL a person typed, or why it cannot be one (the host checks again). */
function proxyUrlProblem(text: string): string | null {
  if (text === '') return null;
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError();
    if (url.username || url.password) return 'Put the user name and password in their own fields';
    return null;
  } catch {
    return 'A URL with its scheme, such as http://proxy.example.com:3128';
  }
}

function wholeNumber(text: string, min: number, max: number): number | null {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(value) && value >= min && value <= max ? value : null;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The form as a settings patch, with the obvious mistakes found first. */
export function buildSettingsPatch(
  state: SettingsFormState,
  current: Settings,
): { patch: Partial<Settings>; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const share = percentTextToShare(state.renewAtPercent, current.renewalPolicy.renewAtShare);
  if (share === null) errors['renewalPolicy.renewAtShare'] = 'A percentage above 0 and below 100';
  const lead = Number(state.leadTimeMinutes.trim());
  if (state.leadTimeMinutes.trim() === '' || !(lead >= 0 && lead <= 525_600)) {
    errors['renewalPolicy.leadTimeMs'] = 'Minutes, from 0 up to a year (525600)';
  }
  const jitter = Number(state.jitterSeconds.trim());
  if (state.jitterSeconds.trim() === '' || !(jitter >= 0 && jitter <= 86_400)) {
    errors['renewalPolicy.jitterMs'] = 'Seconds, from 0 up to a day (86400)';
  }
  const unknownLifetime = Number(state.unknownLifetimeMinutes.trim());
  if (state.unknownLifetimeMinutes.trim() === '' || !(unknownLifetime >= 1 && unknownLifetime <= 525_600)) {
    errors['renewalPolicy.unknownLifetimeIntervalMs'] = 'Minutes, from 1 up to a year (525600)';
  }
  const days = parseDays(state.reminderDays);
  if (days === null || days.length > 20) {
    errors.reminderDays = 'Whole numbers of days from 0 to 366, separated by commas (20 at most)';
  }
  if (!TIME.test(state.quietStart)) errors['quietHours.start'] = 'Use a 24-hour time such as 22:00';
  if (!TIME.test(state.quietEnd)) errors['quietHours.end'] = 'Use a 24-hour time such as 07:00';
  const clipboard = wholeNumber(state.clipboardClearSeconds, 5, 600);
  if (clipboard === null) errors.clipboardClearSeconds = 'Whole seconds from 5 to 600';
  const global = wholeNumber(state.concurrencyGlobal, 1, 64);
  if (global === null) errors['concurrency.global'] = 'A whole number from 1 to 64';
  const perHost = wholeNumber(state.concurrencyPerHost, 1, 32);
  if (perHost === null) errors['concurrency.perHost'] = 'A whole number from 1 to 32';

  const proxyProblem = proxyUrlProblem(state.proxyUrl.trim());
  if (proxyProblem) errors['network.proxyUrl'] = proxyProblem;
  // The shape only, as the partner form checks it: the host parses each certificate.
  if (state.extraCaPem.trim() !== '' && certificatesOf(state.extraCaPem).length === 0) {
    errors['network.extraCaPem'] = 'Paste PEM certificates (-----BEGIN CERTIFICATE----- …)';
  }
  const timeout = wholeNumber(state.timeoutSeconds, 1, 300);
  if (timeout === null) errors['network.timeoutSeconds'] = 'Whole seconds from 1 to 300';

  const reminderDays = days ?? current.reminderDays;
  const patch: Partial<Settings> = {
    // One list serves both: the notification thresholds and the policy new connections start with.
    renewalPolicy: {
      ...current.renewalPolicy,
      renewAtShare: share ?? current.renewalPolicy.renewAtShare,
      leadTimeMs: Math.round(lead * MINUTE),
      jitterMs: Math.round(jitter * 1000),
      unknownLifetimeIntervalMs: Math.round(unknownLifetime * MINUTE),
      reminderDays,
    },
    reminderDays,
    notifyOnNeedsAction: state.notifyOnNeedsAction,
    quietHours: { enabled: state.quietEnabled, start: state.quietStart, end: state.quietEnd },
    launchAtLogin: state.launchAtLogin,
    clipboardClearSeconds: clipboard ?? current.clipboardClearSeconds,
    concurrency: {
      global: global ?? current.concurrency.global,
      perHost: perHost ?? current.concurrency.perHost,
    },
    network: {
      proxyUrl: state.proxyUrl.trim() || null,
      proxyUsername: state.proxyUsername.trim() || null,
      proxyLoopback: state.proxyLoopback,
      extraCaPem: state.extraCaPem.trim() || null,
      timeoutSeconds: timeout ?? current.network.timeoutSeconds,
    },
  };
  return { patch, errors };
}
