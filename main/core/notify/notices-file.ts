import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeStoreFile } from '../store/store-file';
import type { Alert } from './notice-text';

const AlertSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('reminder'),
    connectionId: z.string(),
    label: z.string(),
    days: z.number(),
    expiresAt: z.number(),
  }),
  z.object({ kind: z.literal('needsAction'), connectionId: z.string(), label: z.string() }),
]);

/** What the notifications remember across restarts, beside the profile's data. */
export const NoticesMemorySchema = z.object({
  /** Connections told they need action, whose episode is not over: told once, not at every start. */
  needsActionTold: z.array(z.string()).default([]),
  /** Alerts gathered or held for quiet hours, not yet delivered: the core marks reminders sent when it raises them. */
  waiting: z.array(AlertSchema).default([]),
});
export type NoticesMemory = z.infer<typeof NoticesMemorySchema>;

export const NOTICES_FILE_NAME = 'tokentray.notices.json';

const EMPTY: NoticesMemory = { needsActionTold: [], waiting: [] };

/**
 * The notifications' memory in the profile folder. It holds labels and ids,
 * never a token. A file that cannot be read starts empty (at worst a
 * "needs action" is told once more); one that cannot be written is left as it
 * was (the profile's own storage banner says why).
 */
export class NoticesFile {
  private readonly path: string;
  private memory: NoticesMemory;

  constructor(profileDir: string) {
    this.path = join(profileDir, NOTICES_FILE_NAME);
    this.memory = readMemory(this.path);
  }

  read(): NoticesMemory {
    return this.memory;
  }

  update(patch: { needsActionTold?: string[]; waiting?: readonly Alert[] }): void {
    this.memory = {
      needsActionTold: patch.needsActionTold ?? this.memory.needsActionTold,
      waiting: patch.waiting ? [...patch.waiting] : this.memory.waiting,
    };
    try {
      writeStoreFile(this.path, this.memory);
    } catch {
      // Kept in memory for this run; the storage banner speaks for the disk.
    }
  }
}

function readMemory(path: string): NoticesMemory {
  try {
    const parsed = NoticesMemorySchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : EMPTY;
  } catch {
    return EMPTY;
  }
}
