import { readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { isAlive } from './process-alive';

/** Who holds a profile lock: enough to tell, on the same machine, whether that process still runs. */
export const LockOwnerSchema = z.object({
  pid: z.number().int().positive(),
  /** The process's start time as the system counts it (Linux: clock ticks since boot), or null where unknown. */
  startTime: z.string().nullable(),
  host: z.string(),
});
export type LockOwner = z.infer<typeof LockOwnerSchema>;

const OWNER_FILE = 'owner.json';

/** This process, as a lock records it. */
export function currentOwner(): LockOwner {
  return { pid: process.pid, startTime: processStartTime(process.pid), host: hostname() };
}

/**
 * Written inside the lock directory, so it exists exactly as long as the lock does. The
 * directory's times are put back: proper-lockfile refreshes the lock by its mtime and takes
 * any other mtime for a lock someone else took over.
 */
export function writeOwner(lockPath: string, owner: LockOwner): void {
  const { atime, mtime } = statSync(lockPath);
  const temporary = join(lockPath, `${OWNER_FILE}.${process.pid}.tmp`);
  writeFileSync(temporary, JSON.stringify(owner), { mode: 0o600 });
  renameSync(temporary, join(lockPath, OWNER_FILE));
  utimesSync(lockPath, atime, mtime);
}

/** The owner a lock records, or null when it records none that can be read (being written, or damaged). */
export function readOwner(lockPath: string): LockOwner | null {
  try {
    const parsed = LockOwnerSchema.safeParse(JSON.parse(readFileSync(join(lockPath, OWNER_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function ownerFilePath(lockPath: string): string {
  return join(lockPath, OWNER_FILE);
}

/**
 * Whether the owner certainly no longer runs: only on this host, when no process has its pid,
 * or the process with its pid started at another time (the pid was reused), or is a zombie.
 * Anything uncertain counts as running.
 */
export function isOwnerGone(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return false;
  if (!isAlive(owner.pid)) return true;
  const stat = procStat(owner.pid);
  if (stat === null) return false;
  // A zombie has exited; only its parent has not collected it yet.
  if (stat.state === 'Z' || stat.state === 'X') return true;
  return owner.startTime !== null && stat.startTime !== owner.startTime;
}

function processStartTime(pid: number): string | null {
  return procStat(pid)?.startTime ?? null;
}

/** proc(5): /proc/<pid>/stat; the name (field 2) may hold spaces and parentheses, so fields count from its last ')'. */
function procStat(pid: number): { state: string; startTime: string } | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // Field 3 is the state, field 22 the start time.
  const state = fields[0];
  const startTime = fields[19];
  return state && startTime ? { state, startTime } : null;
}
