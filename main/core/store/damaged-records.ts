import type { z } from 'zod';
import type { KeyedSection } from './journal-records';

/** Where a damaged record was found: a section of the metadata file, or a line of the journal. */
export type DamagedSection = KeyedSection | 'audit' | 'settings' | 'journal';

/** A record start-up could not read, as the window lists it: never its content, which may be anything. */
export interface DamagedRecord {
  section: DamagedSection;
  /** The id it is filed under, `#3` for the fourth line of history, `line 7` of the journal. */
  id: string;
  /** The field and what is wrong with it. */
  reason: string;
}

/** A profile that opened without some of its records: which, and where the files were copied as they were. */
export interface DamagedProfile {
  records: DamagedRecord[];
  copyPaths: string[];
}

/** A damaged record with what the file held, where it can be written back as it was. */
export interface DamagedEntry extends DamagedRecord {
  raw?: unknown;
}

/** The first problem zod found, by field path; zod does not echo the value. */
export function describeProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue?.message ?? 'invalid data'}`;
}

/**
 * The records a profile opened without, and copies of the files as they were. Until the person
 * sets them aside, each damaged keyed record is written back with every checkpoint exactly as
 * the file held it, so nothing is lost and the next start-up shows it again.
 */
export class DamagedRecords {
  private entries: DamagedEntry[];
  private readonly copies: string[];

  constructor(entries: readonly DamagedEntry[] = [], copies: readonly string[] = []) {
    this.entries = [...entries];
    this.copies = [...new Set(copies)];
  }

  /** What the window shows; null when nothing is damaged. */
  profile(): DamagedProfile | null {
    return this.entries.length === 0 ? null : { records: this.list(), copyPaths: this.copyPaths() };
  }

  list(): DamagedRecord[] {
    return this.entries.map(({ section, id, reason }) => ({ section, id, reason }));
  }

  /** Where the files were copied, as they were, when the damage was found. */
  copyPaths(): string[] {
    return [...this.copies];
  }

  /** The damaged records of a section as the file held them, by the key they were filed under. */
  keptRecords(section: KeyedSection): Array<[string, unknown]> {
    return this.entries.flatMap((entry) =>
      entry.section === section && entry.raw !== undefined
        ? [[entry.id, entry.raw] as [string, unknown]]
        : [],
    );
  }

  /** Forgets them: the next checkpoint writes the profile without them (the copies stay). */
  setAside(): number {
    const count = this.entries.length;
    this.entries = [];
    return count;
  }
}
