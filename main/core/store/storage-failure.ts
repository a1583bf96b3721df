import { TokenTrayError } from '../domain/errors';

/** Whether the profile takes writes, as the snapshot shows it. */
export type StorageState =
  | { ok: true }
  | {
      ok: false;
      code: 'storage_full' | 'storage_unavailable';
      problem: StorageProblem;
      message: string;
      guidance: string[];
      /** The profile folder. */
      directory: string;
      since: number;
    };

/** Why the profile cannot be written, in the user's words. */
export type StorageProblem =
  | 'full'
  | 'readOnly'
  | 'notAllowed'
  | 'missing'
  | 'failing'
  /** A workspace's database did not answer (down, restarting, or the network is gone). */
  | 'workspaceUnreachable'
  /** A workspace's database answered but refuses writes (a standby, or set read-only). */
  | 'workspaceReadOnly'
  /** A workspace's database cancelled a statement that ran past its timeout. */
  | 'workspaceTimeout';

/** The errno codes of a write that the disk refused; anything else is not a storage problem. */
const PROBLEM_BY_ERRNO: Record<string, StorageProblem> = {
  ENOSPC: 'full',
  EDQUOT: 'full',
  EROFS: 'readOnly',
  EACCES: 'notAllowed',
  EPERM: 'notAllowed',
  ENOENT: 'missing',
  EIO: 'failing',
};

const WHAT_HAPPENED: Record<StorageProblem, string> = {
  full: 'the disk is full',
  readOnly: 'the disk is read-only',
  notAllowed: 'it is not allowed to write to its profile folder',
  missing: 'its profile folder is gone',
  failing: 'the disk reports a read or write error',
  workspaceUnreachable: 'the workspace is unreachable',
  workspaceReadOnly: "the workspace's database is read-only",
  workspaceTimeout: "the workspace's database did not answer in time",
};

function whatToDo(problem: StorageProblem, directory: string): string {
  switch (problem) {
    case 'full':
      return `Free space on the disk that holds ${directory}.`;
    case 'readOnly':
      return `Make the disk that holds ${directory} writable again (remount it read-write).`;
    case 'notAllowed':
      return `Give your user write access to ${directory}.`;
    case 'missing':
      return `Restore the folder ${directory}, or quit TokenTray and start it again to recreate it.`;
    case 'failing':
      return `Check the disk that holds ${directory}; copy the folder elsewhere if the disk is failing.`;
    case 'workspaceUnreachable':
      return `Check that the workspace's database at ${directory} is running and reachable from this computer.`;
    case 'workspaceReadOnly':
      return `Ask whoever runs the database at ${directory} to make it writable again (it may have failed over to a standby).`;
    case 'workspaceTimeout':
      return `The database at ${directory} is overloaded or a lock is held; renewals resume once it answers.`;
  }
}

/** A change could not be made durable, so it was not acknowledged. `storage_full` answers 507, the rest 503. */
export class StorageError extends TokenTrayError {
  constructor(
    readonly problem: StorageProblem,
    /** The profile folder, or a workspace's database as host:port/name. */
    readonly directory: string,
    /** The errno code, for the log: never a path with a secret or a message from elsewhere. */
    readonly errno: string,
  ) {
    super(
      problem === 'full' ? 'storage_full' : 'storage_unavailable',
      problem.startsWith('workspace')
        ? // The error's code (SQLSTATE or errno) only: a server's own text may quote what was sent.
          `Workspace unreachable: ${WHAT_HAPPENED[problem]} (${errno}). Renewals are paused until it answers.`
        : `TokenTray cannot save changes: ${WHAT_HAPPENED[problem]}.`,
      [
        whatToDo(problem, directory),
        problem.startsWith('workspace')
          ? 'Nothing is saved on this computer meanwhile; changes wait in memory and are saved by themselves once the workspace answers.'
          : 'Changes made since are kept in memory and saved by themselves once the disk takes writes again; quitting now would lose them.',
      ],
    );
    this.name = 'StorageError';
  }
}

/** The storage problem a failed write or sync stands for, or null when the error is something else. */
export function storageProblemOf(error: unknown): StorageProblem | null {
  if (error instanceof StorageError) return error.problem;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? (PROBLEM_BY_ERRNO[code] ?? null) : null;
}

/** A failed write as the value the window shows; errors that are not the disk's pass through unchanged. */
export function asStorageError(error: unknown, directory: string): unknown {
  if (error instanceof StorageError) return error;
  const problem = storageProblemOf(error);
  if (problem === null) return error;
  return new StorageError(problem, directory, (error as NodeJS.ErrnoException).code!);
}
