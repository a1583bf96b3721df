import type { Connection } from '../domain/connection';
import { TokenTrayError } from '../domain/errors';
import type { RenewalProfile, TemplateVariable } from '../domain/renewal-profile';
import { isTemplateVariable, placeholdersIn, type TemplateValues } from './template';

/** The secrets a renewal may need, read from the vault just before the request. */
export interface RenewalSecrets {
  clientSecret: string | null;
  refreshToken: string | null;
  accessToken: string | null;
}

export type RenewalSecretKind = keyof RenewalSecrets;
export type ClientAuth = 'basic' | 'body' | 'none';

/** The bearer-rotation partners document `Version: 2.0`; a connection may name another version. */
export const DEFAULT_API_VERSION = '2.0';

/** Variables that may be absent: a body field or header that uses one is then left out. */
const OPTIONAL_VARIABLES: readonly TemplateVariable[] = ['scope', 'audience', 'resource'];
const SECRET_VARIABLES: readonly TemplateVariable[] = ['clientSecret', 'refreshToken', 'accessToken'];

/** 'connection' in a profile means the connection's own choice (Basic unless it says body). */
export function resolveClientAuth(profile: RenewalProfile, connection: Connection): ClientAuth {
  const auth = profile.request.clientAuth;
  return auth === 'connection' ? connection.settings.authMethod : auth;
}

export function templateValues(connection: Connection, secrets: RenewalSecrets): TemplateValues {
  const { settings } = connection;
  return {
    clientId: settings.clientId || undefined,
    clientSecret: secrets.clientSecret || undefined,
    refreshToken: secrets.refreshToken || undefined,
    accessToken: secrets.accessToken || undefined,
    scope: settings.scope || undefined,
    partnerIdHeader: settings.partnerIdHeader,
    apiVersion: settings.apiVersion || DEFAULT_API_VERSION,
    audience: settings.audience || undefined,
    resource: settings.resource || undefined,
  };
}

export function isOptionalVariable(name: string): boolean {
  return (OPTIONAL_VARIABLES as readonly string[]).includes(name);
}

/** Every template of the profile: header values first, then body fields. */
function allTemplates(profile: RenewalProfile): string[] {
  return [...Object.values(profile.request.headers), ...Object.values(profile.request.body.fields)];
}

/** The secrets a connection must have before it can renew with this profile (for eligibility checks). */
export function secretsNeededFor(profile: RenewalProfile, connection: Connection): RenewalSecretKind[] {
  const needed = new Set<RenewalSecretKind>();
  for (const name of allTemplates(profile).flatMap(placeholdersIn)) {
    if (isTemplateVariable(name) && SECRET_VARIABLES.includes(name)) needed.add(name as RenewalSecretKind);
  }
  if (resolveClientAuth(profile, connection) !== 'none') needed.add('clientSecret');
  if (profile.request.bearerAccessToken) needed.add('accessToken');
  return [...needed];
}

const MISSING: Record<
  Exclude<TemplateVariable, 'scope' | 'apiVersion' | 'audience' | 'resource'>,
  { message: string; guidance: string }
> = {
  refreshToken: {
    message: 'This connection has no refresh token stored, so it cannot be renewed.',
    guidance: 'Edit the connection and enter its refresh token, or re-add the partner to get a new one.',
  },
  clientSecret: {
    message: 'This connection has no client secret stored, and the partner needs it to accept a renewal.',
    guidance: 'Edit the connection and enter the client secret the partner issued.',
  },
  accessToken: {
    message:
      'This connection has no current access token stored, and the partner needs it (as Bearer) to renew.',
    guidance:
      'Edit the connection and enter the current access token, or re-add the partner to sign in again.',
  },
  clientId: {
    message: 'This connection has no client ID, and the partner needs it to accept a renewal.',
    guidance: 'Edit the connection and enter the client ID the partner issued.',
  },
  partnerIdHeader: {
    message: 'This connection has no partner ID, which the partner expects in the partnerId header.',
    guidance: 'Edit the connection and enter the partner ID (a whole number).',
  },
};

/** The error for a value the request cannot go without. Names the kind of value, never the value. */
export function missingValueError(name: TemplateVariable): TokenTrayError {
  const known = name in MISSING ? MISSING[name as keyof typeof MISSING] : undefined;
  const code = SECRET_VARIABLES.includes(name) ? 'missing_secret' : 'missing_setting';
  return new TokenTrayError(
    code,
    known?.message ?? `This connection has no value for ${name}, which the renewal request needs.`,
    known ? [known.guidance] : [`Edit the connection and fill in ${name}.`],
  );
}
