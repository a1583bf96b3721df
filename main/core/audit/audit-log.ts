import type { AuditEntry } from '../domain/audit';
import type { EpochMs } from '../domain/ids';
import { newId } from '../domain/ids';

export const DEFAULT_AUDIT_LIMIT = 10_000;
/** A page of history when the caller names no limit: reads never copy the whole history. */
export const HISTORY_PAGE = 200;
export const AUDIT_MESSAGE_MAX = 1000;

export interface AuditLogOptions {
  /** The stored history, oldest first: the log appends to and trims this array itself. */
  entries: AuditEntry[];
  /** Told of each new entry, so the store can persist it. */
  appended: (entry: AuditEntry) => void;
  now: () => EpochMs;
  /** The oldest entries are dropped past this many. */
  limit?: number;
  /** In a shared workspace: the member's display name and lasting id, filed with every entry. */
  member?: { id: string; displayName: string };
}

export interface AuditFilter {
  connectionId?: string;
  partnerId?: string;
  /** At most this many; a page (`HISTORY_PAGE`) unless given. */
  limit?: number;
  /** Only entries older than the one with this id: the last entry of the previous page. */
  before?: string;
}

/** The history of issues, renewals, failures, copies and revocations: bounded, newest first, never a secret. */
export class AuditLog {
  private readonly appended: (entry: AuditEntry) => void;
  private readonly now: () => EpochMs;
  private readonly limit: number;
  private readonly member: { id: string; displayName: string } | undefined;
  /** Oldest first, as appended and as persisted. */
  private readonly entries: AuditEntry[];

  constructor(options: AuditLogOptions) {
    this.appended = options.appended;
    this.now = options.now;
    this.limit = Math.max(1, options.limit ?? DEFAULT_AUDIT_LIMIT);
    this.member = options.member;
    this.entries = options.entries;
    this.trim();
  }

  append(entry: Omit<AuditEntry, 'id' | 'at'>): AuditEntry {
    const message = entry.message === undefined ? undefined : trimMessage(entry.message);
    // Built, not parsed: the type already holds it to the schema, and a renewal appends one each.
    const saved: AuditEntry = {
      ...entry,
      ...(message === undefined ? {} : { message }),
      ...(this.member === undefined ? {} : { member: this.member.displayName, memberId: this.member.id }),
      id: newId(),
      at: this.now(),
    };
    this.entries.push(saved);
    this.trim();
    this.appended(saved);
    return { ...saved };
  }

  private trim(): void {
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  /** A page, newest first; the order of appending decides, so a clock set back does not reorder history. */
  list(filter: AuditFilter = {}): AuditEntry[] {
    const found: AuditEntry[] = [];
    const wanted = filter.limit ?? HISTORY_PAGE;
    let start = this.entries.length - 1;
    if (filter.before !== undefined) {
      while (start >= 0 && this.entries[start]?.id !== filter.before) start--;
      // An entry trimmed away meanwhile: nothing older is left to page through.
      start -= 1;
    }
    for (let index = start; index >= 0 && found.length < wanted; index--) {
      const entry = this.entries[index];
      if (entry === undefined) continue;
      if (filter.connectionId !== undefined && entry.connectionId !== filter.connectionId) continue;
      if (filter.partnerId !== undefined && entry.partnerId !== filter.partnerId) continue;
      found.push({ ...entry });
    }
    return found;
  }
}

/** Replaces every occurrence of the given secrets with `[redacted]`, the longest first so none is half-hidden. */
export function redact(message: string, secrets: readonly string[]): string {
  const present = secrets.filter((secret) => secret.length > 0).sort((a, b) => b.length - a.length);
  return present.reduce((text, secret) => text.split(secret).join('[redacted]'), message);
}

/** Cut to what the schema allows, never through the middle of a surrogate pair. */
function trimMessage(message: string): string {
  const trimmed = message.trim();
  if (trimmed.length <= AUDIT_MESSAGE_MAX) return trimmed;
  let cut = trimmed.slice(0, AUDIT_MESSAGE_MAX - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}
