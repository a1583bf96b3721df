/**
 * `tokentray`: TokenTray for scripts, as `gh auth token` or `gcloud auth print-access-token`.
 * It talks to the running instance through its local API (address and token in the profile's
 * instance.json, mode 0600). Only `token` and `join-code` print a secret, and only on stdout.
 */
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { defaultProfileDir } from '../web-host/default-profile';
import { listedConnections, listText } from './list-command';
import { moveIn, moveOut } from './move-command';
import { renewConnection } from './renew-command';
import { statusExitCode, statusReport, statusText } from './status-command';
import { currentToken } from './token-command';
import { parseDuration } from './duration';
import { CommandFailure, EXIT } from './exit-codes';
import { connectToInstance } from './local-api';
import type { LocalApi } from './local-api';

const EXIT_CODES_HELP = `
Exit codes:
  0  done
  1  failed (the message says why)
  2  wrong usage
  3  TokenTray is not running for this profile
  4  locked: the instance cannot read secrets (keychain unreachable)
  5  no connection has that name
  6  the name matches several connections
  7  the connection needs action (renewal refused)
  8  the token has expired and could not be renewed`;

function duration(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new InvalidArgumentError('Give a duration such as 60s, 5m or 1h.');
  return ms;
}

interface GlobalOptions {
  profile: string;
  timeout: number;
}

let opened: LocalApi | undefined;

function program(): Command {
  const root = new Command('tokentray')
    .description('Partner API tokens from the running TokenTray, for scripts.')
    .addOption(
      new Option('--profile <dir>', 'the profile the instance runs').default(
        defaultProfileDir(),
        'the default profile',
      ),
    )
    .addOption(
      new Option('--timeout <duration>', 'how long to wait for TokenTray')
        .default(60_000, '60s')
        .argParser(duration),
    )
    .addHelpText('after', EXIT_CODES_HELP)
    .showHelpAfterError()
    .exitOverride();
  const api = (): LocalApi => {
    const { profile, timeout } = root.opts<GlobalOptions>();
    return (opened ??= connectToInstance(resolve(profile), timeout));
  };

  root
    .command('token')
    .description(
      'print the current token of a connection, and nothing else (renewed first if about to expire)',
    )
    .argument('<connection>', 'id, "partner/label", label, or a unique prefix of one')
    .addOption(
      new Option('--min-valid <duration>', 'renew first when less than this is left')
        .default(60_000, '60s')
        .argParser(duration),
    )
    .action(async (query: string, options: { minValid: number }) => {
      const token = await currentToken(api(), query, {
        minValidMs: options.minValid,
        now: Date.now,
        warn: (line) => process.stderr.write(`${line}\n`),
      });
      process.stdout.write(`${token}\n`);
    });

  root
    .command('list')
    .description('every connection: status, time left, name and id')
    .option('--json', 'as JSON, one object per connection')
    .action(async (options: { json?: boolean }) => {
      const snapshot = await api().call('getSnapshot');
      const text = options.json
        ? JSON.stringify(listedConnections(snapshot), null, 2)
        : listText(snapshot, Date.now());
      process.stdout.write(`${text}\n`);
    });

  root
    .command('status')
    .description('the worst state, counts and the next expiry; exits 7 when something needs action')
    .option('--json', 'as JSON')
    .action(async (options: { json?: boolean }) => {
      const report = statusReport(await api().call('getSnapshot'));
      process.stdout.write(
        `${options.json ? JSON.stringify(report, null, 2) : statusText(report, Date.now())}\n`,
      );
      process.exitCode = statusExitCode(report);
    });

  root
    .command('renew')
    .description('renew a connection now')
    .argument('<connection>', 'id, "partner/label", label, or a unique prefix of one')
    .action(async (query: string) => {
      process.stdout.write(`${await renewConnection(api(), query)}\n`);
    });
  root
    .command('join-code')
    .description('in a shared workspace: a one-time code for someone joining (works once, for 15 minutes)')
    .action(async () => {
      const { code, expiresAt } = await api().call('createJoinCode');
      process.stderr.write(
        `Give this code to the person joining, with the database URL; it works once, until ${new Date(expiresAt).toISOString()}.\n` +
          '  They start TokenTray with: --workspace URL --member NAME --join CODE\n',
      );
      process.stdout.write(`${code}\n`);
    });
  root
    .command('move-in')
    .description(
      'move the running local profile into a shared workspace (credentials and history go with it; the password from PGPASSWORD or the keychain)',
    )
    .argument('<url>', 'the database: postgres://user@host:port/database')
    .addOption(new Option('--member <name>', 'your name in the workspace').default(userInfo().username))
    .option('--join <code>', "a member's one-time join code, unless you joined before")
    .action(async (url: string, options: { member: string; join?: string }) => {
      process.stdout.write(`${await moveIn(api(), url, options)}\n`);
    });
  root
    .command('move-out')
    .description("move the running workspace's partners and connections out into a new local profile folder")
    .argument('<folder>', 'a new, empty folder for the local profile')
    .action(async (folder: string) => {
      process.stdout.write(`${await moveOut(api(), folder)}\n`);
    });
  return root;
}

// Bundled as CommonJS (commander is), where a top-level await cannot stand.
void program()
  .parseAsync(process.argv)
  .catch(reportFailure)
  .finally(() => opened?.close());

function reportFailure(error: unknown): void {
  if (error instanceof CommanderError) {
    // Help and version are not failures; commander has already printed what it had to say.
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else if (error instanceof CommandFailure) {
    process.stderr.write(`tokentray: ${error.message}\n`);
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(`tokentray: ${error instanceof Error ? error.message : 'failed'}\n`);
    process.exitCode = EXIT.failed;
  }
}
