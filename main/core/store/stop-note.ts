import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { STORE_FILE_MODE } from './store-file';

/** Why TokenTray stopped on its own, left in the profile for the next start to say. */
export const StopNoteSchema = z.object({
  at: z.number(),
  message: z.string(),
  guidance: z.array(z.string()),
});
export type StopNote = z.infer<typeof StopNoteSchema>;

const STOP_NOTE_NAME = 'tokentray.stopped.json';

/** Written after the data: a folder removed while running is made again by the last checkpoint. */
export function writeStopNote(directory: string, note: StopNote): void {
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    writeFileSync(join(directory, STOP_NOTE_NAME), JSON.stringify(note), { mode: STORE_FILE_MODE });
  } catch {
    // The disk takes nothing: the window said it already, and the next start cannot be told.
  }
}

/** The note an earlier run left, read once: it is removed so that only the next start says it. */
export function takeStopNote(directory: string): StopNote | null {
  const path = join(directory, STOP_NOTE_NAME);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  rmSync(path, { force: true });
  try {
    const parsed = StopNoteSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
