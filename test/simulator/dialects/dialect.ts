import type { Account } from '../accounts';
import type { Reply, SimRequest } from '../http';
import type { SimState } from '../state';
import type { SimDialect } from '../types';

/** One dialect's renewal endpoint: where it listens, how it finds the account, how it answers. */
export interface DialectEndpoint {
  dialect: SimDialect;
  /** Always POST. */
  path: string;
  /** Which account a request is for, found before anything is checked: faults and counts need it. */
  identify(request: SimRequest, state: SimState): Account | undefined;
  /** The real answer; `account` is undefined when identify found none. */
  renew(request: SimRequest, account: Account | undefined, state: SimState): Reply;
  /** What this dialect's answers look like when a fault stands in for them. */
  faultSamples: FaultSamples;
}

export interface FaultSamples {
  successStatus: number;
  invalidGrant: Reply;
  invalidClient: Reply;
  /** A success body with the right field names and the wrong types. */
  wrongTypes: unknown;
  /** A success body without the token. */
  missingFields: unknown;
}
