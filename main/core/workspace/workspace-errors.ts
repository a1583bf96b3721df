import { TokenTrayError } from '../domain/errors';
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
  ['28', 'workspaceUnreachable'], // invalid authorization (a password changed while running)
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
    /Connection terminated|connection timeout|Client has encountered a connection error|not queryable|Query read timeout/i.test(
      message,
    )
  ) {
    return new StorageError('workspaceUnreachable', workspace, 'connection lost');
  }
  return error;
}

/**
 * A failure to open the workspace as the person starting TokenTray reads it: a refused login
 * says what to do about the password (SQLSTATE 28P01 invalid_password, 28000
 * invalid_authorization_specification, or node-postgres finding no password for a SCRAM
 * login); anything else as `asWorkspaceError` makes it.
 */
export function asOpenFailure(error: unknown, workspace: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  if (code === '28P01' || code === '28000') {
    return new TokenTrayError(
      'workspace_login_refused',
      `The workspace's database at ${workspace} refused the login: the user name or password is wrong.`,
      [
        'Check the password with whoever runs the database, then start again with it in PGPASSWORD or in the database URL.',
        "Once the database accepts it, TokenTray keeps it in this computer's keychain for later starts.",
      ],
    );
  }
  if (/client password must be a string/i.test(message)) {
    return new TokenTrayError(
      'workspace_login_refused',
      `The workspace's database at ${workspace} asks for a password, and none was given.`,
      [
        'Start once with the password in PGPASSWORD or in the database URL.',
        "Once the database accepts it, TokenTray keeps it in this computer's keychain for later starts.",
      ],
    );
  }
  return asWorkspaceError(error, workspace);
}

/** node-postgres's own deadline (`query_timeout`) passed without an answer. */
export function isReadTimeout(error: unknown): boolean {
  return error instanceof Error && /Query read timeout/.test(error.message);
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
