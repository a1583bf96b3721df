import type { AccountBook } from './accounts';
import type { TokenLedger } from './token-family';

/** What every endpoint of the simulator shares. */
export interface SimState {
  /** http://127.0.0.1:PORT, known once the server listens. */
  url: string;
  now(): number;
  accounts: AccountBook;
  ledger: TokenLedger;
  /** Signs bearer-rotation's JWT access tokens; random per simulator. */
  jwtKey: Buffer;
}
