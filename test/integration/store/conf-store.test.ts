import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionSchema } from '../../../main/core/domain/connection';
import { DEFAULT_SETTINGS } from '../../../main/core/domain/settings';
import { openConfStore, storeFilePath } from '../../../main/core/store/conf-store';
import { checkedTextPath, recordCheckedText } from '../../../main/core/store/checked-text';
import { CURRENT_SCHEMA_VERSION } from '../../../main/core/store/schema';
import { prepareStoreFile } from '../../../main/core/store/store-file';
import { loadStoreData, saveStoreData } from '../../../main/core/store/store-data';

let directory: string;
let filePath: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'tokentray-store-'));
  filePath = storeFilePath({ directory });
});

afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

const partner = {
  id: 'p1',
  createdAt: 1_700_000_000_000,
  name: 'Acme Payments',
  contactEmail: 'ops@acme.example',
  notes: '',
  status: 'active' as const,
};
const connection = {
  id: 'c1',
  createdAt: 1_700_000_000_000,
  partnerId: 'p1',
  label: 'Acme production',
  dialect: 'oauth2' as const,
  endpoint: 'https://auth.acme.example/token',
  settings: { clientId: 'client-1', authMethod: 'basic' as const, bodyShape: 'flat' as const },
};
/** What an earlier TokenTray wrote: no schemaVersion and no states. */
const versionZeroFile = { partners: { p1: partner }, connections: { c1: connection }, tokens: {}, audit: [] };

function mode(path: string): number {
  return statSync(path).mode & 0o777;
}

function filesBeside(): string[] {
  return readdirSync(directory).sort();
}

describe('openConfStore', () => {
  it('starts a new profile empty, at the current version, in a file only the user can read', () => {
    const store = openConfStore({ directory });
    const data = loadStoreData(store);

    expect(store.path).toBe(filePath);
    expect(data.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(data).toMatchObject({ partners: {}, connections: {}, tokens: {}, states: {}, audit: [] });
    expect(data.settings).toEqual(DEFAULT_SETTINGS);
    expect(store.migratedFrom).toBeNull();
    expect(mode(filePath)).toBe(0o600);
  });

  it('reads back what was saved after the profile is opened again', () => {
    const first = openConfStore({ directory });
    const data = loadStoreData(first);
    data.partners.p1 = partner;
    saveStoreData(first, data);
    saveStoreData(first, {
      ...data,
      settings: { ...data.settings, theme: 'dark', clipboardClearSeconds: 60 },
    });

    const reopened = loadStoreData(openConfStore({ directory }));
    expect(reopened.partners.p1).toEqual(partner);
    expect(reopened.settings.theme).toBe('dark');
    expect(reopened.settings.clipboardClearSeconds).toBe(60);
    expect(mode(filePath)).toBe(0o600);
  });

  it('makes an existing file readable by the user only', () => {
    writeFileSync(filePath, JSON.stringify({ schemaVersion: CURRENT_SCHEMA_VERSION }), { mode: 0o644 });
    openConfStore({ directory });
    expect(mode(filePath)).toBe(0o600);
  });

  it('upgrades a version 0 file, gives every connection a state, and keeps the old file beside it', () => {
    const original = JSON.stringify(versionZeroFile);
    writeFileSync(filePath, original);

    const store = openConfStore({ directory });
    const data = loadStoreData(store);

    expect(store.migratedFrom).toBe(0);
    expect(data.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(data).toMatchObject({ secrets: {}, sealing: null });
    expect(data.connections.c1?.label).toBe('Acme production');
    expect(data.states.c1).toMatchObject({ connectionId: 'c1', phase: 'idle', attempt: 0 });
    const backup = filesBeside().find((name) => name.startsWith('tokentray.v0-backup-'));
    expect(backup).toBeDefined();
    expect(readFileSync(join(directory, backup ?? ''), 'utf8')).toBe(original);
    expect(JSON.parse(readFileSync(filePath, 'utf8')).schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(openConfStore({ directory }).migratedFrom).toBeNull();
  });

  it('refuses a file from a newer TokenTray and leaves it untouched', () => {
    const newer = JSON.stringify({
      ...versionZeroFile,
      schemaVersion: CURRENT_SCHEMA_VERSION + 1,
      widgets: [1],
    });
    writeFileSync(filePath, newer);

    expect(() => openConfStore({ directory })).toThrow(
      expect.objectContaining({ code: 'store_too_new', message: expect.stringContaining(filePath) }),
    );
    expect(readFileSync(filePath, 'utf8')).toBe(newer);
    expect(filesBeside()).toEqual(['tokentray.json']);
  });

  it('reports a file that is not JSON by its path, keeps it, and sets one copy aside however often it is opened', () => {
    const broken = '{"partners": {"p1": {"name": "Acme"';
    writeFileSync(filePath, broken);

    for (let attempt = 0; attempt < 2; attempt++) {
      expect(() => openConfStore({ directory })).toThrow(
        expect.objectContaining({ code: 'store_corrupt', message: expect.stringContaining(filePath) }),
      );
    }
    expect(readFileSync(filePath, 'utf8')).toBe(broken);
    const copies = filesBeside().filter((name) => /^tokentray\.corrupt-\d+\.json$/.test(name));
    expect(copies).toHaveLength(1);
    expect(readFileSync(join(directory, copies[0] ?? ''), 'utf8')).toBe(broken);
  });

  it('opens a well-formed file without its invalid record, names the field, and keeps a copy', () => {
    // The current version, so no upgrade rewrites the file: damaged records stay in it as they were.
    const invalid = {
      ...versionZeroFile,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      states: {},
      partners: { p1: { ...partner, name: 42 } },
    };
    writeFileSync(filePath, JSON.stringify(invalid));

    const store = openConfStore({ directory });

    expect(store.openedDamage?.entries).toEqual([
      expect.objectContaining({ section: 'partners', id: 'p1', reason: expect.stringContaining('name') }),
    ]);
    expect(loadStoreData(store).partners).toEqual({});
    expect(JSON.parse(readFileSync(filePath, 'utf8')).partners).toEqual(invalid.partners);
    const copy = store.openedDamage?.copyPath ?? '';
    expect(JSON.parse(readFileSync(copy, 'utf8'))).toEqual(invalid);
  });

  it('catches a record filed under another id', () => {
    writeFileSync(filePath, JSON.stringify({ schemaVersion: 1, partners: { p2: partner } }));
    expect(openConfStore({ directory }).openedDamage?.entries).toEqual([
      expect.objectContaining({
        section: 'partners',
        id: 'p2',
        reason: expect.stringContaining('does not match'),
      }),
    ]);
  });

  it('hands start-up the data it validated when opened, so a large profile is read and checked once', () => {
    writeFileSync(filePath, JSON.stringify({ ...versionZeroFile, schemaVersion: 1, states: {} }));
    const store = openConfStore({ directory });
    let reads = 0;
    const counted = {
      ...store,
      get: ((key) => (reads++, store.get(key))) as typeof store.get,
      readAll: () => (reads++, store.readAll()),
    };

    expect(loadStoreData(counted).partners.p1?.name).toBe('Acme Payments');
    expect(reads).toBe(0);
    // Handed over once: a later load reads the file as it is then.
    expect(loadStoreData(counted).connections.c1?.label).toBe('Acme production');
    expect(reads).toBe(1);
  });

  it('never writes a section the next start-up could not read', () => {
    const store = openConfStore({ directory });
    const data = loadStoreData(store);

    expect(() =>
      saveStoreData(store, { ...data, settings: { ...data.settings, clipboardClearSeconds: 1 } }),
    ).toThrow();
    expect(loadStoreData(openConfStore({ directory })).settings.clipboardClearSeconds).toBe(30);
  });
});

describe('a metadata file this version wrote from checked data', () => {
  /** A profile saved whole through the store, as the catalog's checkpoints save it. */
  function savedProfile(): void {
    const store = openConfStore({ directory });
    const data = loadStoreData(store);
    store.setMany(
      { ...data, partners: { p1: partner }, connections: { c1: ConnectionSchema.parse(connection) } },
      { checked: true },
    );
  }

  it('is recorded as checked when written, and opens as the same data without its records being validated again', () => {
    savedProfile();
    const text = readFileSync(filePath, 'utf8');
    expect(readFileSync(checkedTextPath(filePath), 'utf8')).not.toContain('Acme');

    const trusted = prepareStoreFile(filePath);
    // The same text validated record by record gives the same data.
    rmSync(checkedTextPath(filePath));
    const validated = prepareStoreFile(filePath);

    expect(trusted.checked).toBe(true);
    expect(trusted.data).toEqual(JSON.parse(text));
    expect(trusted.data).toEqual(validated.data);
  });

  it('a write of some keys only, merged by conf into the file as it finds it, is not recorded as checked', () => {
    savedProfile();
    const store = openConfStore({ directory });
    // Opened on checked data; what it had recorded is removed, to see whether this write records.
    rmSync(checkedTextPath(filePath));
    store.setMany({ settings: { ...loadStoreData(store).settings, theme: 'dark' } }, { checked: true });

    expect(filesBeside()).not.toContain('tokentray.checked');
  });

  it('a record changed on disk since is validated again: the damaged record is set aside and named', () => {
    savedProfile();
    const file = JSON.parse(readFileSync(filePath, 'utf8'));
    file.connections.c1.dialect = 'no-such-dialect';
    writeFileSync(filePath, JSON.stringify(file, undefined, '\t'));

    const prepared = prepareStoreFile(filePath);

    expect(prepared.checked).toBe(false);
    expect(prepared.data?.connections.c1).toBeUndefined();
    expect(prepared.damage.entries).toEqual([expect.objectContaining({ section: 'connections', id: 'c1' })]);
  });

  it('a text recorded under other schemas is validated again, filling in what the schemas add', () => {
    // A connection as an older version might have written it: no policy, which the schema defaults.
    const file = {
      schemaVersion: CURRENT_SCHEMA_VERSION,
      partners: { p1: partner },
      connections: { c1: connection },
    };
    const text = JSON.stringify(file, undefined, '\t');
    writeFileSync(filePath, text);
    recordCheckedText(filePath, text);
    const recorded = JSON.parse(readFileSync(checkedTextPath(filePath), 'utf8'));
    // Trusted as recorded: nothing filled in.
    expect(prepareStoreFile(filePath).data?.connections.c1).not.toHaveProperty('policy');

    writeFileSync(checkedTextPath(filePath), JSON.stringify({ ...recorded, schemas: 'an older version' }));
    const prepared = prepareStoreFile(filePath);

    expect(prepared.data?.connections.c1).toHaveProperty('policy');
    // Filled in, so not the text as it stands: not recorded as checked.
    expect(prepared.checked).toBe(false);
  });
});
