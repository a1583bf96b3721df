import type { Connection } from '../../../main/core/domain';
import type { Provisioned, ProvisionOptions } from '../../simulator/simulator';
import type { CoreHarness } from '../../support/core-harness';
import { RENEWABLE } from '../faults/fault-cases';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface Connected {
  provisioned: Provisioned;
  connection: Connection;
}

/** One connection of every renewable dialect, `times` over. */
export async function connectEveryDialect(
  harness: CoreHarness,
  options: ProvisionOptions,
  times = 1,
): Promise<Connected[]> {
  const connected: Connected[] = [];
  for (let i = 0; i < times; i++) {
    for (const dialect of RENEWABLE) connected.push(await harness.connect(dialect, options));
  }
  return connected;
}

/** Renewal requests each account's server received, in order. */
export function requestsOf(harness: CoreHarness, connected: Connected[]): number[] {
  return connected.map(({ provisioned }) => harness.simulator.requestCount(provisioned.key));
}
