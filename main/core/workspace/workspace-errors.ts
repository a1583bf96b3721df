import { StorageError } from '../store/storage-failure';
import type { StorageProblem } from '../store/storage-failure';

/** SQLSTATE classes and codes (PostgreSQL appendix A) that mean the workspace cannot take writes now. */
const PROBLEM_BY_SQLSTATE: Array<[prefix: string, problem: StorageProblem]> = [
  ['08', 'workspaceUnreachable'], // connection exception
  ['57P', 'workspaceUnreachable'], // admin shutdown, crash shutdown, cannot connect now
  ['53300', 'workspaceUnreachable'], // too many connections
  ['25006', 'workspaceReadOnly'], // read-only SQL transaction
  ['57014', 'workspaceTimeout'], // statement timeout (query cancelled)
  ['55P03', 'workspaceTimeout'], // lock not available (lock_timeout)
];

const UNREACHABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/**
 * A database failure as the value the window shows (a `StorageError` naming the workspace), or
 * the error unchanged when it is not the database's trouble. Only the error's code is kept:
 * PostgreSQL's own text can quote the values a statement carried.
 */
export function asWorkspaceError(error: unknown, workspace: string): unknown {
  if (error instanceof StorageError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (UNREACHABLE_ERRNO.has(code)) return new StorageError('workspaceUnreachable', workspace, code);
    const match = PROBLEM_BY_SQLSTATE.find(([prefix]) => code.startsWith(prefix));
    if (match) return new StorageError(match[1], workspace, code);
  }
  // node-postgres ends a client whose server went away with these messages and no code.
  const message = error instanceof Error ? error.message : '';
  if (
    /Connection terminated|connection timeout|Client has encountered a connection error|not queryable/i.test(
      message,
    )
  ) {
    return new StorageError('workspaceUnreachable', workspace, 'connection lost');
  }
  return error;
}

/** The workspace as people name it: host:port/database, never the password. */
export function workspaceLabel(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'the workspace database';
  }
}
