import { z } from 'zod';
import { RenewalPolicySchema } from './connection';
import { NetworkSettingsSchema } from './network';

/** A time of day as 24-hour `HH:MM`, in local time. */
export const TimeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour time such as 22:00');

/** No desktop notifications between start and end; a window past midnight (22:00–07:00) is allowed. */
export const QuietHoursSchema = z.object({
  enabled: z.boolean().default(false),
  start: TimeOfDaySchema.default('22:00'),
  end: TimeOfDaySchema.default('07:00'),
});
export type QuietHours = z.infer<typeof QuietHoursSchema>;

export const ConcurrencySchema = z.object({
  /** Renewals under way at once, across all partners. */
  global: z.number().int().min(1).max(64).default(8),
  /** Renewals under way at once against one host, so one partner is never flooded. */
  perHost: z.number().int().min(1).max(32).default(4),
});

export const ThemeSchema = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof ThemeSchema>;

/** How the window orders its list, and whether partners head their connections: the person's choice, kept. */
export const ListViewSchema = z.object({
  sort: z.enum(['urgency', 'expiry', 'partner', 'name']).default('urgency'),
  grouped: z.boolean().default(true),
});

/** The application's settings; every field has a default, so an older file parses as it is. */
export const SettingsSchema = z.object({
  /** The policy a new connection starts with. */
  renewalPolicy: RenewalPolicySchema.prefault({}),
  /**
   * Days before a manual token's expiry at which a notification fires, each once per token: the
   * renewal policy's list, mirrored (see `withReminderDaysMirrored`).
   */
  reminderDays: z.array(z.number().int().min(0).max(366)).max(20).default([30, 14, 7, 3, 1]),
  notifyOnNeedsAction: z.boolean().default(true),
  quietHours: QuietHoursSchema.prefault({}),
  launchAtLogin: z.boolean().default(false),
  /** A copied token is wiped from the clipboard after this long. */
  clipboardClearSeconds: z.number().int().min(5).max(600).default(30),
  theme: ThemeSchema.default('system'),
  concurrency: ConcurrencySchema.prefault({}),
  /** Set from the tray menu; the scheduler plans but renews nothing while it is on. */
  renewalsPaused: z.boolean().default(false),
  /** Proxy, extra CA certificates and the request deadline for partner traffic. */
  network: NetworkSettingsSchema.prefault({}),
  /** The token list's order and grouping, chosen in the window. */
  listView: ListViewSchema.prefault({}),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/**
 * The settings a stored record holds, each field checked on its own and each field of a group
 * (`network`, `concurrency`) too: a value edited by hand into something wrong, such as a proxy
 * without its scheme, falls back to its default and every other setting is kept.
 */
export function salvagedSettings(stored: unknown): Settings {
  const parsed = SettingsSchema.safeParse(validFields(SettingsSchema, stored));
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

function validFields(schema: z.ZodObject, stored: unknown): Record<string, unknown> {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {};
  const record = stored as Record<string, unknown>;
  const valid: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    if (!Object.hasOwn(record, key)) continue;
    if (field.safeParse(record[key]).success) valid[key] = record[key];
    else {
      const group = groupOf(field);
      if (group) valid[key] = validFields(group, record[key]);
    }
  }
  return valid;
}

/** The object schema inside a field's default, where the field is a group of settings. */
function groupOf(field: z.core.SomeType): z.ZodObject | null {
  const inner = field instanceof z.ZodDefault || field instanceof z.ZodPrefault ? field.unwrap() : field;
  return inner instanceof z.ZodObject ? inner : null;
}

/**
 * The settings about one person's computer (a login item, how the window looks, when they are
 * notified, their clipboard): in a shared workspace each member keeps their own on their
 * computer, while the rest (renewal policy, concurrency, pausing, network) is the team's.
 * Reminder days stay with the team: the reminders that fire are the renewal policy's.
 */
export const COMPUTER_SETTINGS = [
  'launchAtLogin',
  'theme',
  'listView',
  'quietHours',
  'notifyOnNeedsAction',
  'clipboardClearSeconds',
] as const satisfies ReadonlyArray<keyof Settings>;
export type ComputerSettingKey = (typeof COMPUTER_SETTINGS)[number];
export type ComputerSettings = Pick<Settings, ComputerSettingKey>;

/** This computer's part of the settings. */
export function computerSettingsOf(settings: Settings): ComputerSettings {
  return Object.fromEntries(COMPUTER_SETTINGS.map((key) => [key, settings[key]])) as ComputerSettings;
}

/**
 * The fields of a stored computer settings record that are valid, each checked on its own: a
 * value edited by hand into something wrong falls back to the default, the rest are kept.
 */
export function validComputerSettings(stored: unknown): Partial<ComputerSettings> {
  if (typeof stored !== 'object' || stored === null) return {};
  const record = stored as Record<string, unknown>;
  const valid: Record<string, unknown> = {};
  for (const key of COMPUTER_SETTINGS) {
    if (!(key in record)) continue;
    const parsed = SettingsSchema.shape[key].safeParse(record[key]);
    if (parsed.success) valid[key] = parsed.data;
  }
  return valid as Partial<ComputerSettings>;
}

/**
 * The reminder days are one list, the renewal policy's (the team's, in a workspace), which
 * `reminderDays` mirrors for the window and for older clients. Settings changed to `next` keep
 * the two equal: a change to either is a change to both, the top-level field's first, as a client
 * that knows only it sends it alone.
 */
export function withReminderDaysMirrored(current: Settings, next: Settings): Settings {
  const changedAlone = !sameDays(next.reminderDays, current.reminderDays);
  const days = changedAlone ? next.reminderDays : next.renewalPolicy.reminderDays;
  return { ...next, reminderDays: days, renewalPolicy: { ...next.renewalPolicy, reminderDays: days } };
}

function sameDays(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((day, index) => day === b[index]);
}
