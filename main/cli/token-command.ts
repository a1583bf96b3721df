import { CommandFailure, EXIT, needsActionFailure } from './exit-codes';
import { findConnection } from './find-connection';
import type { LocalApi } from './local-api';

export interface TokenOptions {
  /** Renew first when the token has less than this left. */
  minValidMs: number;
  now(): number;
  /** One line for the person, on stderr: never the token. */
  warn(line: string): void;
}

/**
 * The current access (or partner) token of a connection, renewed first when it has
 * less than `minValidMs` left. Every read is in the connection's history.
 */
export async function currentToken(api: LocalApi, query: string, options: TokenOptions): Promise<string> {
  const found = findConnection(await api.call('getSnapshot'), query);
  let read = await api.call('readToken', found.connection.id);
  if (lastsLongEnough(read.expiresAt, options)) {
    if (found.connection.status === 'needsAction') {
      options.warn(`${found.name} needs action in TokenTray; this token still works until it expires.`);
    }
    return read.token;
  }
  let problem = 'Paste the new one the partner issued in TokenTray.';
  if (found.connection.dialect !== 'manual') {
    const outcome = await api.call('renewNow', found.connection.id);
    if (outcome.kind === 'followUp') throw needsActionFailure(found.name, outcome);
    if (outcome.kind === 'retry')
      problem = `Renewing it failed for now (${outcome.message}); TokenTray retries.`;
    read = await api.call('readToken', found.connection.id);
  }
  if (read.expiresAt !== null && read.expiresAt <= options.now()) {
    throw new CommandFailure(EXIT.expired, `The token of ${found.name} has expired. ${problem}`);
  }
  if (!lastsLongEnough(read.expiresAt, options)) {
    options.warn(`The token of ${found.name} expires in less than the time asked for. ${problem}`);
  }
  return read.token;
}

function lastsLongEnough(expiresAt: number | null, options: TokenOptions): boolean {
  return expiresAt === null || expiresAt - options.now() >= options.minValidMs;
}
