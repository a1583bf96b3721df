import { decodeJwt } from 'jose';
import type { z } from 'zod';
import type {
  Connection,
  ConnectionId,
  ConnectionInput,
  ConnectionSecrets,
  Partner,
  PartnerId,
  PartnerInput,
  TokenRecord,
} from '../domain';
import {
  boundedTime,
  ConnectionInputSchema,
  ConnectionSecretsSchema,
  fingerprint,
  FRESH_START,
  newId,
  PartnerInputSchema,
  ValidationError,
} from '../domain';
import { validateCustomProfile } from '../dialects/custom-profile';
import { checkEndpointUrl } from '../dialects/endpoint-security';
import { PRESET_DESCRIPTIONS, requiredSecretsFor } from '../dialects/presets';
import type { SecretKind } from '../domain/secret-kinds';
import type { CoreContext } from './core-context';
import { pemProblems } from '../http/pem';

const YEAR = 365 * 24 * 60 * 60_000;

/** A partner as typed, its CA certificates parsed as well as shaped. */
function parsePartner(input: PartnerInput): z.infer<typeof PartnerInputSchema> {
  const parsed = parseOrThrow(PartnerInputSchema, input);
  const problems = pemProblems({ 'network.extraCaPem': { certificates: parsed.network?.extraCaPem } });
  if (Object.keys(problems).length > 0) throw new ValidationError('Some fields need attention.', problems);
  return parsed;
}

/** Adding, editing and removing partners and connections, with their secrets. */
export class ConnectionAdmin {
  constructor(private readonly context: CoreContext) {}

  addPartner(input: PartnerInput): Partner {
    const partner = { ...parsePartner(input), id: newId(), createdAt: this.now() };
    this.context.catalog.putPartner(partner);
    this.context.audit.append({ action: 'partnerAdded', outcome: 'info', partnerId: partner.id });
    this.context.changed([]);
    return partner;
  }

  updatePartner(id: PartnerId, input: PartnerInput): Partner {
    const known = this.context.catalog.requirePartner(id);
    const partner = { ...known, ...parsePartner(input) };
    this.context.catalog.putPartner(partner);
    this.context.audit.append({ action: 'partnerUpdated', outcome: 'info', partnerId: id });
    // Suspending or re-activating a partner changes whether its connections renew.
    this.context.changed(this.context.catalog.connectionsOf(id).map((c) => c.id));
    return partner;
  }

  /** Removes the partner, its connections and every secret they had. */
  async removePartner(id: PartnerId): Promise<void> {
    this.context.catalog.requirePartner(id);
    for (const connection of this.context.catalog.connectionsOf(id))
      await this.removeConnection(connection.id);
    this.context.catalog.deletePartner(id);
    this.context.audit.append({ action: 'partnerRemoved', outcome: 'info', partnerId: id });
    this.context.changed([]);
  }

  async addConnection(input: ConnectionInput, secrets: ConnectionSecrets = {}): Promise<Connection> {
    const parsed = this.validateConnection(input);
    const given = parseOrThrow(ConnectionSecretsSchema, secrets);
    this.requireSecrets(parsed, given);
    const connection: Connection = { ...parsed, id: newId(), createdAt: this.now() };
    // Secrets first: if the keychain cannot take them, nothing is added.
    await this.writeSecrets(connection.id, given);
    this.context.catalog.putConnection(connection);
    this.recordGivenToken(connection, given);
    this.context.audit.append({
      action: 'connectionAdded',
      outcome: 'info',
      partnerId: connection.partnerId,
      connectionId: connection.id,
    });
    // Secrets a person typed in are on disk before the window hears they are stored.
    await this.context.catalog.commit();
    this.context.changed([connection.id]);
    return connection;
  }

  /**
   * Saves edited settings; with secrets, it also re-adds the connection (the last
   * step when a token fails: a new working token), starting it afresh.
   */
  async updateConnection(
    id: ConnectionId,
    input: ConnectionInput,
    secrets?: ConnectionSecrets,
  ): Promise<Connection> {
    const known = this.context.catalog.requireConnection(id);
    const connection: Connection = { ...this.validateConnection(input), id, createdAt: known.createdAt };
    const given = secrets ? parseOrThrow(ConnectionSecretsSchema, secrets) : {};
    const keyProblems = pemProblems({ 'secrets.clientKey': { privateKey: given.clientKey } });
    if (Object.keys(keyProblems).length > 0)
      throw new ValidationError('Some fields need attention.', keyProblems);
    await this.writeSecrets(id, given);
    this.context.catalog.putConnection(connection);
    if (secrets) {
      this.context.catalog.updateState(id, FRESH_START);
      this.recordGivenToken(connection, given);
    }
    this.context.audit.append({
      action: 'connectionUpdated',
      outcome: 'info',
      partnerId: connection.partnerId,
      connectionId: id,
      message: secrets ? 'Re-added with new credentials.' : undefined,
    });
    await this.context.catalog.commit();
    this.context.changed([id]);
    return connection;
  }

  async removeConnection(id: ConnectionId): Promise<void> {
    const connection = this.context.catalog.requireConnection(id);
    // The keychain goes first: metadata without secrets is harmless, secrets without metadata are orphans.
    await this.context.vault.deleteAll(id);
    this.context.catalog.deleteConnection(id);
    this.context.planner.plan(id);
    this.context.audit.append({
      action: 'connectionRemoved',
      outcome: 'info',
      partnerId: connection.partnerId,
      connectionId: id,
    });
    this.context.changed([]);
  }

  private validateConnection(input: ConnectionInput): Omit<Connection, 'id' | 'createdAt'> {
    const parsed = parseOrThrow(ConnectionInputSchema, input);
    this.context.catalog.requirePartner(parsed.partnerId);
    const fieldErrors: Record<string, string> = {};
    if (parsed.dialect !== 'manual') {
      const endpoint = checkEndpointUrl(parsed.endpoint);
      if (!endpoint.ok) fieldErrors.endpoint = endpoint.message;
    }
    for (const [field, url] of [
      ['verifyUrl', parsed.verifyUrl],
      ['revocationUrl', parsed.revocationUrl],
      ['settings.authorizationUrl', parsed.settings.authorizationUrl],
      ['settings.issuer', parsed.settings.issuer],
    ] as const) {
      if (!url) continue;
      const check = checkEndpointUrl(url);
      if (!check.ok) fieldErrors[field] = check.message;
    }
    if (parsed.dialect === 'custom') {
      const custom = validateCustomProfile(parsed.customProfile);
      if (!custom.ok) {
        for (const [path, message] of Object.entries(custom.errors))
          fieldErrors[`customProfile.${path}`] = message;
      }
    }
    Object.assign(
      fieldErrors,
      pemProblems({
        'settings.clientCertificatePem': { certificates: parsed.settings.clientCertificatePem },
      }),
    );
    for (const setting of PRESET_DESCRIPTIONS[parsed.dialect].requiredSettings) {
      const value = (parsed.settings as Record<string, unknown>)[setting];
      if (value === undefined || value === '')
        fieldErrors[`settings.${setting}`] = 'Required for this dialect';
    }
    if (Object.keys(fieldErrors).length > 0) {
      throw new ValidationError('Some fields need attention.', fieldErrors);
    }
    return parsed;
  }

  private requireSecrets(connection: Omit<Connection, 'id' | 'createdAt'>, given: ConnectionSecrets): void {
    const fieldErrors: Record<string, string> = pemProblems({
      'secrets.clientKey': { privateKey: given.clientKey },
    });
    if (connection.settings.clientCertificatePem && !given.clientKey) {
      fieldErrors['secrets.clientKey'] = 'The private key of the client certificate is required';
    }
    for (const kind of requiredSecretsFor(connection)) {
      if (!given[kind]) fieldErrors[`secrets.${kind}`] = 'Required for this dialect';
    }
    if (Object.keys(fieldErrors).length > 0)
      throw new ValidationError('Some secrets are missing.', fieldErrors);
  }

  private async writeSecrets(id: ConnectionId, given: ConnectionSecrets): Promise<void> {
    const kinds: SecretKind[] = ['clientSecret', 'refreshToken', 'accessToken', 'partnerToken', 'clientKey'];
    for (const kind of kinds) {
      const value = given[kind as keyof ConnectionSecrets];
      if (typeof value === 'string') await this.context.vault.set(id, kind, value);
    }
  }

  /** The token typed in with the connection becomes its current token. */
  private recordGivenToken(connection: Connection, given: ConnectionSecrets): void {
    const secretValue = connection.dialect === 'manual' ? given.partnerToken : given.accessToken;
    if (!secretValue) return;
    const now = this.now();
    const previous = this.context.catalog.currentToken(connection.id);
    if (previous) this.context.catalog.putToken({ ...previous, status: 'revoked' });
    const token: TokenRecord = {
      id: newId(),
      connectionId: connection.id,
      kind: connection.dialect === 'manual' ? 'partner' : 'access',
      status: 'active',
      issuedAt: now,
      expiresAt:
        given.tokenExpiresAt ??
        jwtExpiry(secretValue) ??
        (connection.dialect === 'manual' ? now + YEAR : null),
      scope: connection.settings.scope,
      fingerprint: fingerprint(secretValue),
    };
    this.context.catalog.putToken(token);
    this.context.audit.append({
      action: 'issued',
      outcome: 'info',
      partnerId: connection.partnerId,
      connectionId: connection.id,
      fingerprint: token.fingerprint,
    });
  }

  private now(): number {
    return this.context.clock.now();
  }
}

function jwtExpiry(token: string): number | null {
  try {
    const exp = decodeJwt(token).exp;
    return typeof exp === 'number' ? boundedTime(exp * 1000) : null;
  } catch {
    return null;
  }
}

export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.join('.') || 'input';
    fieldErrors[path] ??= issue.message;
  }
  throw new ValidationError('Some fields need attention.', fieldErrors);
}
