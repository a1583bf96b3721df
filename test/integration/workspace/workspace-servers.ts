import { afterAll, beforeAll } from 'vitest';
import type { Simulator } from '../../simulator/simulator';
import { startSimulator } from '../../simulator/simulator';
import { startPostgres, type TestPostgres } from '../../support/postgres';

/** A test file's PostgreSQL and partner simulator: read them inside tests, once started. */
export interface WorkspaceServers {
  readonly server: TestPostgres;
  readonly simulator: Simulator;
}

/** Starts PostgreSQL and the simulator before the file's tests and removes them after. */
export function useWorkspaceServers(): WorkspaceServers {
  let server: TestPostgres | undefined;
  let simulator: Simulator | undefined;
  beforeAll(async () => {
    [server, simulator] = await Promise.all([startPostgres(), startSimulator()]);
  }, 60_000);
  afterAll(async () => {
    // A test that paused the server and failed before resuming it must not leave it stopped.
    server?.resume();
    await simulator?.close();
    server?.remove();
  });
  return {
    get server() {
      if (!server) throw new Error('PostgreSQL is not started yet: read it inside a test.');
      return server;
    },
    get simulator() {
      if (!simulator) throw new Error('The simulator is not started yet: read it inside a test.');
      return simulator;
    },
  };
}
