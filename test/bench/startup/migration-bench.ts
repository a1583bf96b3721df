import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenTrayCore } from '../../../main/core/app';
import { openConfStore, storeFilePath } from '../../../main/core/store/conf-store';
import { STORE_FILE_MODE } from '../../../main/core/store/store-file';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';
import type { SecretKind } from '../../../main/core/domain/secret-kinds';
import { bigStoreData } from '../planner/big-catalog';
import { removeKeychainEntries } from '../renewal/fleet';
import { TimedVault } from '../renewal/timed-vault';
import { seededRandom } from '../scheduler/due-times';
import { formatCount, formatMs } from '../support/format';
import type { BenchSection } from '../support/report';
import { nowMs } from '../support/stats';

export interface MigrationBenchOptions {
  connections: number;
  /**
   * Where gnome-keyring keeps the old items: `session`, its collection in memory, or `login`, the
   * keyring file on disk that it rewrites whole (encrypted) on every change, so each write and each
   * deletion costs more the more items there are.
   */
  collection: KeyringCollection;
  /** Keychain items per connection, from what each renewing connection kept (client secret, refresh, access token). */
  itemsPerConnection: 1 | 2 | 3;
  /** The size the issue names, printed with how to run it when the run is smaller. */
  fullSize: number;
}

const LEGACY_KINDS: readonly SecretKind[] = ['refreshToken', 'clientSecret', 'accessToken'];

export type KeyringCollection = 'session' | 'login';

/** Each kind of keychain call: how many, and their wall time added up (they run one at a time). */
function timeByCall(timed: TimedVault): Array<[string, number, number]> {
  const byCall = new Map<string, [number, number]>();
  for (const { call, start, end } of timed.calls) {
    const [count, ms] = byCall.get(call) ?? [0, 0];
    byCall.set(call, [count + 1, ms + end - start]);
  }
  return [...byCall].map(([call, [count, ms]]) => [call, count, ms]);
}

/**
 * Points the Secret Service's `default` alias (where keytar stores, and where libsecret creates
 * items) at one of gnome-keyring's collections. Lookups and deletions search every collection, so
 * the code under test finds the items wherever they are. Only the bench's private keyring is changed.
 */
function setDefaultCollection(collection: KeyringCollection): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      'dbus-send',
      [
        '--session',
        '--print-reply',
        '--dest=org.freedesktop.secrets',
        '/org/freedesktop/secrets',
        'org.freedesktop.Secret.Service.SetAlias',
        'string:default',
        `objpath:/org/freedesktop/secrets/collection/${collection}`,
      ],
      (error) => (error ? reject(error) : resolve()),
    );
  });
}

/**
 * Start-up on a profile made before secrets were sealed: the metadata file of data version 1 (no
 * sealed section) and one keychain item per secret in the real keychain, as that version wrote
 * them. Times the start that seals them into the profile and deletes them from the keychain, and
 * counts the items left.
 */
export async function migrationBench(
  options: MigrationBenchOptions,
  log: (line: string) => void,
): Promise<BenchSection> {
  const { connections, itemsPerConnection } = options;
  const directory = await mkdtemp(join(tmpdir(), 'tokentray-bench-migration-'));
  const keychain = new KeytarVault({ service: `TokenTray-bench-${randomUUID()}` });
  const timed = new TimedVault(keychain);
  let core: TokenTrayCore | null = null;
  try {
    await setDefaultCollection(options.collection);
    const setupStarted = nowMs();
    const {
      sealing: _sealing,
      secrets: _secrets,
      ...current
    } = bigStoreData(connections, Date.now(), seededRandom(connections));
    await writeFile(
      storeFilePath({ directory }),
      JSON.stringify({ ...current, schemaVersion: 1 }, undefined, '\t'),
      { mode: STORE_FILE_MODE },
    );
    const kinds = LEGACY_KINDS.slice(0, itemsPerConnection);
    let written = 0;
    for (const id of Object.keys(current.connections)) {
      for (const kind of kinds) await keychain.set(id, kind, `${kind}-${id}-${'x'.repeat(48)}`);
      written += 1;
      if (written % 250 === 0) log(`  migration: ${formatCount(written)} connections' items written`);
    }
    const itemsBefore = (await keychain.listAccounts()).length;
    log(`  migration: set-up took ${formatMs(nowMs() - setupStarted)} (not measured)`);

    const started = nowMs();
    core = new TokenTrayCore({ store: openConfStore({ directory }), keychain: timed });
    await core.start();
    // The profile is open (its secrets sealed) here; the old items are deleted after, while it renews.
    const openMs = nowMs() - started;
    await core.idle();
    const migrationMs = nowMs() - started;
    if (core.secretsLock()) throw new Error(`the migrated profile is locked: ${core.secretsLock()!.message}`);
    const moved = core.secrets.storedPlaces().length;
    const left = await keychain.listAccounts();
    const oldItemsLeft = left.filter((account) => !account.startsWith('data-key/')).length;
    // What is left is the data key's item (`data-key/<profile>/v1`).
    const keyItems = left.length - oldItemsLeft;
    const n = formatCount(connections);
    const where = options.collection === 'session' ? 'keyring in memory' : 'keyring on disk';
    return {
      title: `Start-up migration of ${n} connections from one keychain item per secret (${where})`,
      method: [
        `A profile as the version before sealing made it: the metadata file (data version 1) of ${n} connections and`,
        `${itemsPerConnection} keychain item(s) per connection in the real keychain (gnome-keyring, a service of its own),`,
        'written by the same keytar vault. Timed: the core opening it and starting, which reads the items (in one call),',
        'seals them into the profile, commits and reads them back (the profile is open then), and the deletion of the items from the',
        'keychain that follows while the profile renews. Then the keychain is listed.',
        ...(options.collection === 'session'
          ? [
              "The items are in gnome-keyring's session collection, which it keeps in memory: every call costs what the",
              'Secret Service itself costs (D-Bus, a search of the collection), without the rewrite of a keyring file.',
            ]
          : [
              'The items are in the login keyring, on disk: gnome-keyring rewrites (and encrypts) that whole file on each',
              'change, so each write and each deletion costs more the more items there are.',
              ...(connections < options.fullSize
                ? [
                    `The run keeps to ${n} connections: on a shared 2-core machine writing ${formatCount(options.fullSize)} items there`,
                    `took 20 minutes before the migration started. \`npm run bench -- --only startup --migration-on-disk ${options.fullSize}\``,
                    'runs it at full size.',
                  ]
                : []),
            ]),
      ],
      tables: [
        {
          headers: ['', 'figure'],
          rows: [
            ['keychain items before', formatCount(itemsBefore)],
            ['start-up to an open profile (secrets sealed)', formatMs(openMs)],
            ['migration with the old items deleted', formatMs(migrationMs)],
            ['per connection', formatMs(migrationMs / connections)],
            ['secrets sealed into the profile', formatCount(moved)],
            ['keychain calls', formatCount(timed.calls.length)],
            ...timeByCall(timed).map(([call, count, ms]): [string, string] => [
              `keychain calls: ${call}`,
              `${formatCount(count)} call(s), ${formatMs(ms)} in all`,
            ]),
            ['old items left in the keychain', formatCount(oldItemsLeft)],
            ['data key items', formatCount(keyItems)],
          ],
        },
      ],
      findings: [
        `Migrating ${n} connections (${formatCount(itemsBefore)} items) took ${formatMs(migrationMs)}, ` +
          `${formatMs(migrationMs / connections)} per connection, once; the profile was open and renewing after ` +
          `${formatMs(openMs)}, and ${formatCount(oldItemsLeft)} old items are left.`,
      ],
      summary: [
        {
          benchmark: `Start-up: migration from keychain items, ${where} (${n})`,
          figure: `${formatMs(migrationMs)} (${formatMs(migrationMs / connections)}/connection), open after ${formatMs(openMs)}`,
          baseline: `${formatCount(itemsBefore)} items`,
          ratio: '',
          target: 'printed; 0 items left',
          verdict: oldItemsLeft === 0 && moved === itemsBefore ? 'ok' : `${oldItemsLeft} left`,
        },
      ],
    };
  } finally {
    await core?.stop();
    await removeKeychainEntries(keychain).catch(() => undefined);
    await keychain.close();
    await setDefaultCollection('login');
    await rm(directory, { recursive: true, force: true });
  }
}
