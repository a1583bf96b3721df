import { z } from 'zod';
import type { Connection, Partner, TokenRecord } from '../domain';
import { ConnectionInputSchema, FRESH_START, newId, PartnerInputSchema, ValidationError } from '../domain';
import { TokenRecordSchema } from '../domain/token';
import { TOKENS_KEPT_PER_CONNECTION } from '../catalog/catalog';
import type { CoreContext } from './core-context';
import { validateCustomProfile } from '../dialects/custom-profile';
import { checkEndpointUrl } from '../dialects/endpoint-security';
import { PRESET_DESCRIPTIONS, requiredSecretsFor } from '../dialects/presets';
import { dictionary } from '../domain/dictionary';
import { SealedValueUnreadableError } from '../vault/seal';
import { SecretsLockedError } from '../vault/sealed-vault';
import type { SecretKind } from '../domain/secret-kinds';
import { IMPORT_MAX_CHARS, IMPORT_MAX_TEXT } from '../domain/import-limits';
import { pemProblems } from '../http/pem';
import { checkPassphrase, openBackup, sealBackup } from './backup-file';

export const EXPORT_FORMAT = 'tokentray-export';
export const EXPORT_VERSION = 1;
const MAX_PARTNERS = 10_000;
const MAX_CONNECTIONS = 50_000;

/** An export: partners and connections, never a secret. */
export interface ExportFile {
  fileName: string;
  contents: string;
}

export interface ImportResult {
  partnersAdded: number;
  connectionsAdded: number;
  /**
   * Connections here already, of the same kind, that had no secrets (after starting over, or a
   * plain import): a backup gave them its secrets and they renew again.
   */
  connectionsRestored: number;
  /** Connections imported without secrets: each needs its credentials entered. */
  needCredentials: number;
  skipped: Array<{ item: string; reason: string }>;
}

const ExportedPartnerSchema = PartnerInputSchema.extend({ id: z.string().min(1).max(100) });
const ExportedConnectionSchema = ConnectionInputSchema.extend({
  id: z.string().min(1).max(100),
  partnerId: z.string().min(1).max(100),
});
type ExportedConnection = z.infer<typeof ExportedConnectionSchema>;

/** Why a connection of a backup that is here already by name does not get the backup's secrets. */
const NOT_RESTORED = {
  holdsSecrets: 'it has secrets of its own, which are kept',
  otherKind: 'it is of another kind, so the backup’s secrets are not for it',
  noSecrets: 'the backup holds no secrets for it',
} as const;
type NotRestored = keyof typeof NOT_RESTORED;

/**
 * Decides for a connection of the file that is here already by name: null fills the one here
 * with the file's secrets, a reason skips it.
 */
type Restoring = (here: Connection, inFile: ExportedConnection) => NotRestored | null;

/**
 * The secrets a backup carries: what a connection renews or is used with. The copy of a refresh
 * token kept aside during a rotation is not one of them, nor the proxy password, which belongs
 * to the network settings (not exported).
 */
const BACKED_UP_KINDS = [
  'clientSecret',
  'refreshToken',
  'accessToken',
  'partnerToken',
  'previousPartnerToken',
  'clientKey',
] as const satisfies readonly SecretKind[];
type BackedUpKind = (typeof BACKED_UP_KINDS)[number];
type BackedUpSecrets = Partial<Record<BackedUpKind, string>>;

const BackedUpSecretsSchema = z.record(
  z.string().min(1).max(100),
  z.partialRecord(z.enum(BACKED_UP_KINDS), z.string().min(1).max(65_536)),
);

/**
 * What the backup says about the tokens whose secrets it carries (the current one, and a manual
 * connection's replaced one still in use): their expiry above all, which a token typed by hand
 * cannot be asked for again. Metadata only; the secrets are in `secrets`.
 */
const BackedUpTokenSchema = TokenRecordSchema.omit({ id: true, connectionId: true });
type BackedUpToken = z.infer<typeof BackedUpTokenSchema>;
const BackedUpTokensSchema = z.record(
  z.string().min(1).max(100),
  z.array(BackedUpTokenSchema).max(TOKENS_KEPT_PER_CONNECTION),
);

/** Items are checked one by one, so one bad item does not cost the rest of the file. */
const ExportEnvelopeSchema = z.object({
  format: z.literal(EXPORT_FORMAT, 'This is not a TokenTray export file.'),
  version: z.literal(EXPORT_VERSION, 'This file was written by a different TokenTray version.'),
  partners: z.array(z.unknown()).max(MAX_PARTNERS, `At most ${MAX_PARTNERS} partners per file.`),
  connections: z.array(z.unknown()).max(MAX_CONNECTIONS, `At most ${MAX_CONNECTIONS} connections per file.`),
});

/** Partners and connections to and from a file: settings only, never a secret, a token or renewal state. */
export class ImportExport {
  constructor(private readonly context: CoreContext) {}

  exportFile(): ExportFile {
    const now = new Date(this.context.clock.now());
    return {
      fileName: `tokentray-export-${now.toISOString().slice(0, 10)}.json`,
      contents: `${JSON.stringify(this.exported(now), null, 2)}\n`,
    };
  }

  /**
   * The export with every connection's secrets, sealed with a key derived from `passphrase`
   * (backup-file.ts): for moving to another computer. A secret that cannot be read (damaged)
   * is left out, and its connection will ask for it after the import.
   */
  async exportBackup(passphrase: string): Promise<ExportFile> {
    checkPassphrase(passphrase);
    const { vault } = this.context;
    if (!(await vault.probe())) throw new SecretsLockedError();
    const now = new Date(this.context.clock.now());
    const file = this.exported(now);
    const secrets = dictionary<BackedUpSecrets>();
    const tokens = dictionary<BackedUpToken[]>();
    for (const connection of file.connections) {
      const kept = this.context.catalog.tokensOf(connection.id).filter((t) => t.status !== 'revoked');
      if (kept.length > 0) tokens[connection.id] = kept.map(backedUpToken);
      for (const kind of BACKED_UP_KINDS) {
        const value = await vault.get(connection.id, kind).catch((error: unknown) => {
          if (error instanceof SealedValueUnreadableError) return null;
          throw error;
        });
        if (value !== null) (secrets[connection.id] ??= {})[kind] = value;
      }
    }
    const contents = await sealBackup(
      JSON.stringify({ ...file, secrets, tokens }),
      passphrase,
      file.exportedAt,
    );
    return { fileName: `tokentray-backup-${now.toISOString().slice(0, 10)}.json`, contents };
  }

  /** Partners and connections, picked field by field: never a secret, a token or renewal state. */
  private exported(now: Date) {
    const { catalog } = this.context;
    // The partner's network needs go along: without its CA or no-proxy it cannot be reached on the next computer.
    const partners = catalog.partners().map(({ id, name, contactEmail, notes, status, network }) => ({
      id,
      name,
      contactEmail,
      notes,
      status,
      ...(network && { network }),
    }));
    // Picked field by field, so a field added to Connection later is not exported by accident.
    const connections = catalog.connections().map((c) => ({
      id: c.id,
      partnerId: c.partnerId,
      label: c.label,
      dialect: c.dialect,
      endpoint: c.endpoint,
      settings: c.settings,
      customProfile: c.customProfile,
      policy: c.policy,
      verifyUrl: c.verifyUrl,
      revocationUrl: c.revocationUrl,
      enabled: c.enabled,
    }));
    return {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: now.toISOString(),
      partners,
      connections,
    };
  }

  /**
   * A backup with secrets: opened with `passphrase` first, so a wrong passphrase or a changed
   * or damaged file imports nothing. Then as a plain import, and every connection added gets its
   * secrets and renews without asking for credentials; all of it is on disk when this resolves.
   * A connection here already by name, of the same kind and holding no secrets (after starting
   * over, say) or only damaged ones, gets the backup's secrets too: restoring the backup is how a
   * person recovers.
   */
  async importBackup(contents: string, passphrase: string): Promise<ImportResult> {
    checkSize(contents);
    const { catalog, vault, planner } = this.context;
    const opened = await openBackup(contents, passphrase);
    let secrets: Record<string, BackedUpSecrets>;
    let tokens: Record<string, BackedUpToken[]>;
    let envelope: z.infer<typeof ExportEnvelopeSchema>;
    try {
      const {
        secrets: sealedSecrets,
        tokens: tokenRecords,
        ...exported
      } = JSON.parse(opened) as Record<string, unknown>;
      secrets = dictionary(BackedUpSecretsSchema.parse(sealedSecrets));
      // Backups written before token records were carried have none: their connections renew or ask.
      tokens = dictionary(BackedUpTokensSchema.parse(tokenRecords ?? {}));
      envelope = parseEnvelopeJson(exported);
    } catch {
      throw new ValidationError(
        'The backup opened but does not hold what TokenTray writes; nothing was imported.',
        {
          file: 'Choose a file written by TokenTray’s backup with secrets.',
        },
      );
    }
    if (!(await vault.probe())) throw new SecretsLockedError();
    const secretsOf = (fileId: string): Array<[BackedUpKind, string]> =>
      Object.hasOwn(secrets, fileId)
        ? (Object.entries(secrets[fileId]!) as Array<[BackedUpKind, string]>)
        : [];
    const { result, added, restored } = this.importEnvelope(envelope, (here, inFile) => {
      // One lookup each: nothing is opened, so a file of thousands costs no more than its size.
      // Secrets found damaged are as good as none: the backup's replace them.
      const damaged = catalog.state(here.id).followUp?.reason === 'secret_unreadable';
      if (vault.holdsSecrets(here.id) && !damaged) return 'holdsSecrets';
      if (!sameKind(here, inFile)) return 'otherKind';
      return secretsOf(inFile.id).length === 0 ? 'noSecrets' : null;
    });
    const fill = async (connection: Connection, fileId: string): Promise<boolean> => {
      const kinds = secretsOf(fileId);
      if (kinds.length === 0) return false;
      // A damaged value the backup has no kind for must not stay behind to fail the next renewal.
      await vault.deleteAll(connection.id);
      for (const [kind, value] of kinds) await vault.set(connection.id, kind, value);
      // The records of tokens whose secrets are gone make way for those the backup's secrets go with.
      catalog.pruneTokens(connection.id, 0);
      // Oldest first, so the catalog's newest-first order is the file's.
      const records = Object.hasOwn(tokens, fileId) ? tokens[fileId]! : [];
      for (const token of [...records].reverse()) {
        catalog.putToken({ ...token, id: newId(), connectionId: connection.id } satisfies TokenRecord);
      }
      catalog.updateState(connection.id, FRESH_START);
      return true;
    };
    for (const { connection, fileId } of added) {
      if (await fill(connection, fileId)) result.needCredentials -= 1;
    }
    for (const { connection, fileId } of restored) await fill(connection, fileId);
    await catalog.commit();
    const touched = [...added, ...restored].map(({ connection }) => connection.id);
    for (const id of touched) planner.plan(id);
    this.context.changed(touched);
    return result;
  }

  /** Adds what is valid; every imported connection starts without secrets and asks for its credentials. */
  importFile(contents: string): ImportResult {
    const { result, added } = this.importEnvelope(parseEnvelope(contents));
    this.context.changed(added.map(({ connection }) => connection.id));
    return result;
  }

  /**
   * Adds what is valid, each connection without secrets; with the id each added connection had in
   * the file. A connection here already by name is skipped, unless `restoring` picks it to be
   * filled (`restored`, with its id in the file).
   */
  private importEnvelope(
    envelope: z.infer<typeof ExportEnvelopeSchema>,
    restoring?: Restoring,
  ): {
    result: ImportResult;
    added: Array<{ connection: Connection; fileId: string }>;
    restored: Array<{ connection: Connection; fileId: string }>;
  } {
    const { catalog, clock, audit } = this.context;
    const now = clock.now();
    const result: ImportResult = {
      partnersAdded: 0,
      connectionsAdded: 0,
      connectionsRestored: 0,
      needCredentials: 0,
      skipped: [],
    };
    const skip = (item: string, reason: string): void => {
      result.skipped.push({ item, reason });
    };

    const existingByName = new Map(catalog.partners().map((p) => [nameKey(p.name), p]));
    /** The file's partner id → the partner it became here (new, or one that already had that name). */
    const partnerFor = new Map<string, Partner>();
    const seenPartnerIds = new Set<string>();
    envelope.partners.forEach((raw, index) => {
      const parsed = ExportedPartnerSchema.safeParse(raw);
      const item = itemName('Partner', index, raw, 'name');
      if (!parsed.success) return skip(item, describeIssue(parsed.error));
      const pemProblem = firstPemProblem({
        'network.extraCaPem': { certificates: parsed.data.network?.extraCaPem },
      });
      if (pemProblem) return skip(item, pemProblem);
      const { id, ...input } = parsed.data;
      if (seenPartnerIds.has(id)) return skip(item, 'Another partner in the file has the same id.');
      seenPartnerIds.add(id);
      const existing = existingByName.get(nameKey(input.name));
      if (existing) return void partnerFor.set(id, existing);
      const partner: Partner = { ...input, id: newId(), createdAt: now };
      catalog.putPartner(partner);
      existingByName.set(nameKey(partner.name), partner);
      partnerFor.set(id, partner);
      result.partnersAdded += 1;
    });

    const added: Array<{ connection: Connection; fileId: string }> = [];
    const restored: Array<{ connection: Connection; fileId: string }> = [];
    /** Connections this import added or restored: another item of the file with their name is skipped. */
    const taken = new Set<string>();
    const seenConnectionIds = new Set<string>();
    /** Each partner's connections by label, read once: a file of thousands must not search them per item. */
    const labelsByPartner = new Map<string, Map<string, Connection>>();
    const labelsOf = (partnerId: string): Map<string, Connection> => {
      let labels = labelsByPartner.get(partnerId);
      if (!labels) {
        labels = new Map(catalog.connectionsOf(partnerId).map((c) => [nameKey(c.label), c]));
        labelsByPartner.set(partnerId, labels);
      }
      return labels;
    };
    envelope.connections.forEach((raw, index) => {
      const parsed = ExportedConnectionSchema.safeParse(raw);
      const item = itemName('Connection', index, raw, 'label');
      if (!parsed.success) return skip(item, describeIssue(parsed.error));
      const { id, partnerId, ...input } = parsed.data;
      if (seenConnectionIds.has(id)) return skip(item, 'Another connection in the file has the same id.');
      seenConnectionIds.add(id);
      const partner = partnerFor.get(partnerId);
      if (!partner) return skip(item, 'Its partner is not in the file, or was skipped.');
      const problem = checkImportedConnection({ ...input, partnerId });
      if (problem) return skip(item, problem);
      // Importing the same file twice must not double every connection.
      const labels = labelsOf(partner.id);
      const here = labels.get(nameKey(input.label));
      if (here !== undefined) {
        const sameName = `${partner.name} already has a connection named "${here.label}"`;
        if (!restoring || taken.has(here.id)) return skip(item, `${sameName}.`);
        const notRestored = restoring(here, parsed.data);
        if (notRestored !== null) return skip(item, `${sameName}; ${NOT_RESTORED[notRestored]}.`);
        taken.add(here.id);
        return void restored.push({ connection: here, fileId: id });
      }
      const connection: Connection = { ...input, partnerId: partner.id, id: newId(), createdAt: now };
      labels.set(nameKey(connection.label), connection);
      taken.add(connection.id);
      catalog.putConnection(connection);
      catalog.updateState(connection.id, {
        phase: 'needsAction',
        followUp: {
          reason: 'missing_credentials',
          message: 'Imported without secrets: enter its credentials to start renewing.',
          guidance: [
            'Edit this connection and enter the credentials the partner gave you (they go to the keychain).',
          ],
          at: now,
        },
      });
      added.push({ connection, fileId: id });
    });
    result.connectionsAdded = added.length;
    result.connectionsRestored = restored.length;
    result.needCredentials = added.length;

    // One history line for the whole file: a line per item would rewrite the history thousands of times.
    audit.append({
      action: 'connectionAdded',
      outcome: 'info',
      message:
        `Imported ${result.partnersAdded} partner(s) and ${result.connectionsAdded} connection(s) from a file` +
        (restored.length > 0
          ? `; restored the secrets of ${restored.length} connection(s) already here`
          : '') +
        (result.skipped.length > 0 ? `; ${result.skipped.length} item(s) skipped.` : '.'),
    });
    return { result, added, restored };
  }
}

/** Picked field by field, like the export's connections: a field added to TokenRecord later is not carried by accident. */
function backedUpToken(token: TokenRecord): BackedUpToken {
  const { kind, status, issuedAt, expiresAt, expiryUnreadable, scope, serverId, userId, fingerprint } = token;
  return { kind, status, issuedAt, expiresAt, expiryUnreadable, scope, serverId, userId, fingerprint };
}

function checkSize(contents: string): void {
  if (typeof contents !== 'string' || contents.length > IMPORT_MAX_CHARS) {
    throw new ValidationError(
      `The file is too large to be a TokenTray export (${IMPORT_MAX_TEXT} at most).`,
      {
        file: 'Choose a TokenTray export file.',
      },
    );
  }
}

function parseEnvelope(contents: string): z.infer<typeof ExportEnvelopeSchema> {
  checkSize(contents);
  let json: unknown;
  try {
    json = JSON.parse(contents);
  } catch {
    throw new ValidationError('The file is not valid JSON, so nothing was imported.', {
      file: 'Choose a file written by TokenTray’s Export.',
    });
  }
  return parseEnvelopeJson(json);
}

function parseEnvelopeJson(json: unknown): z.infer<typeof ExportEnvelopeSchema> {
  const envelope = ExportEnvelopeSchema.safeParse(json);
  if (!envelope.success) {
    const issue = envelope.error.issues[0];
    // The format and version messages are sentences of their own; other problems name their field.
    const problem =
      issue && ['format', 'version'].includes(String(issue.path[0]))
        ? issue.message
        : describeIssue(envelope.error);
    throw new ValidationError(`Nothing was imported. ${problem}`, {
      file: 'Choose a file written by TokenTray’s Export.',
    });
  }
  return envelope.data;
}

function nameKey(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * Whether a backup's connection is the one here by the same name: the same dialect, renewed
 * the same way (the OAuth grant, RFC 6749 §4) with the same client and the same secrets.
 */
function sameKind(here: Connection, inFile: ExportedConnection): boolean {
  return (
    here.dialect === inFile.dialect &&
    // An oauth2 connection without a grant renews with a refresh token.
    (here.settings.grant ?? 'refresh_token') === (inFile.settings.grant ?? 'refresh_token') &&
    here.settings.clientId === inFile.settings.clientId &&
    requiredSecretsFor(here).join() === requiredSecretsFor(inFile).join()
  );
}

/** The checks the connection form makes beyond its schema: safe URLs, a valid custom profile, required settings. */
function checkImportedConnection(input: z.infer<typeof ConnectionInputSchema>): string | null {
  const urls: Array<[string, string | undefined]> = [
    ['endpoint', input.dialect === 'manual' ? undefined : input.endpoint],
    ['verifyUrl', input.verifyUrl],
    ['revocationUrl', input.revocationUrl],
  ];
  for (const [field, url] of urls) {
    if (url === undefined || (url === '' && field !== 'endpoint')) continue;
    const check = checkEndpointUrl(url);
    if (!check.ok) return `${field}: ${check.message}`;
  }
  if (input.dialect === 'custom') {
    const custom = validateCustomProfile(input.customProfile);
    if (!custom.ok) {
      const [path, message] = Object.entries(custom.errors)[0] ?? ['customProfile', 'is not valid'];
      return `customProfile.${path}: ${message}`;
    }
  }
  for (const setting of PRESET_DESCRIPTIONS[input.dialect].requiredSettings) {
    const value = (input.settings as Record<string, unknown>)[setting];
    if (value === undefined || value === '') return `settings.${setting}: Required for this dialect`;
  }
  return firstPemProblem({
    'settings.clientCertificatePem': { certificates: input.settings.clientCertificatePem },
  });
}

/** A certificate of the file that has the shape of PEM but does not parse, as `field: sentence`. */
function firstPemProblem(fields: Parameters<typeof pemProblems>[0]): string | null {
  const [problem] = Object.entries(pemProblems(fields));
  return problem ? `${problem[0]}: ${problem[1]}` : null;
}

/** The first problem, short: a file can hold anything, so no value from it is repeated at length. */
function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The item is not valid.';
  const path = issue.path.join('.');
  return clip(path ? `${path}: ${issue.message}` : issue.message, 200);
}

/** "Connection 3 "Orders API"": its place in the file and, where it has one, its name. */
function itemName(kind: string, index: number, raw: unknown, nameField: string): string {
  const name =
    raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)[nameField] : undefined;
  return typeof name === 'string' && name.trim() !== ''
    ? `${kind} ${index + 1} "${clip(name.trim(), 60)}"`
    : `${kind} ${index + 1}`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
