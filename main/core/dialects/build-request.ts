import type { Connection } from '../domain/connection';
import { TokenTrayError } from '../domain/errors';
import type { HttpRequest } from '../http/http-client';
import { basicAuthorization } from './basic-auth';
import { checkEndpointUrl } from './endpoint-security';
import { isSendableHeaderValue } from './header-value';
import type { RenewalProfile } from '../domain/renewal-profile';
import {
  isOptionalVariable,
  missingValueError,
  resolveClientAuth,
  templateValues,
  type RenewalSecrets,
} from './renewal-inputs';
import {
  fillTemplate,
  isTemplateVariable,
  placeholdersIn,
  type TemplateValue,
  type TemplateValues,
} from './template';

export const DEFAULT_TIMEOUT_MS = 30_000;
/** Token answers are a few kilobytes; anything near this is not a token answer. */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

/**
 * The HTTP request that renews a connection's token with this profile.
 * Throws TokenTrayError: `insecure_endpoint`, `missing_secret`, `missing_setting`, `invalid_profile`, `invalid_setting`.
 */
export function buildRenewalRequest(
  profile: RenewalProfile,
  connection: Connection,
  secrets: RenewalSecrets,
): HttpRequest {
  const endpoint = checkEndpointUrl(connection.endpoint);
  if (!endpoint.ok) {
    throw new TokenTrayError('insecure_endpoint', endpoint.message, ["Edit the connection's endpoint."]);
  }
  const values = templateValues(connection, secrets);
  const { body: bodySpec } = profile.request;
  const headers: Record<string, string> = {};
  setHeader(headers, 'Accept', 'application/json');
  setHeader(
    headers,
    'Content-Type',
    bodySpec.encoding === 'form' ? 'application/x-www-form-urlencoded' : 'application/json',
  );
  for (const [name, template] of Object.entries(profile.request.headers)) {
    const value = resolveTemplate(template, values);
    if (value !== undefined) setHeader(headers, name, String(value));
  }

  const fields: Record<string, TemplateValue> = {};
  for (const [name, template] of Object.entries(bodySpec.fields)) {
    const value = resolveTemplate(template, values);
    if (value !== undefined) fields[name] = value;
  }

  const clientAuth = resolveClientAuth(profile, connection);
  // RFC 6749 §3.2.1: a public client still names itself.
  if (clientAuth === 'none' && profile.request.clientAuth === 'connection' && values.clientId !== undefined) {
    fields.client_id = values.clientId;
  }
  if (clientAuth !== 'none') {
    const clientId = required(values, 'clientId');
    const clientSecret = required(values, 'clientSecret');
    if (clientAuth === 'basic') {
      setHeader(headers, 'Authorization', basicAuthorization(clientId, clientSecret));
    } else {
      Object.assign(fields, { client_id: clientId, client_secret: clientSecret });
    }
  }
  // bearer-rotation: the current access token authorises its own replacement.
  if (profile.request.bearerAccessToken) {
    setHeader(headers, 'Authorization', `Bearer ${required(values, 'accessToken')}`);
  }
  for (const [name, value] of Object.entries(headers)) checkHeaderValue(name, value);

  const body =
    bodySpec.encoding === 'form'
      ? new URLSearchParams(Object.entries(fields).map(([name, value]) => [name, String(value)])).toString()
      : JSON.stringify(bodySpec.wrapIn ? { [bodySpec.wrapIn]: fields } : fields);

  return {
    method: profile.request.method,
    url: renewalUrl(endpoint.url, profile.request.path),
    headers,
    body,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
  };
}

/**
 * Endpoint plus the profile's path; a trailing slash on the endpoint does not double up,
 * and an endpoint that already ends with the path (people paste the full token URL) is used as it is.
 */
export function renewalUrl(endpoint: URL, path: string): string {
  const url = new URL(endpoint.href);
  url.hash = '';
  const base = url.pathname.replace(/\/+$/, '');
  if (path !== '' && !base.toLowerCase().endsWith(path.toLowerCase())) url.pathname = base + path;
  return url.href;
}

/** A template's value; undefined when it uses an absent optional value or comes out empty, so it is left out. */
function resolveTemplate(template: string, values: TemplateValues): TemplateValue | undefined {
  for (const name of placeholdersIn(template)) {
    if (!isTemplateVariable(name)) {
      throw new TokenTrayError(
        'invalid_profile',
        `The renewal profile uses an unknown placeholder {{${name}}}.`,
        ['Edit the custom profile and use only the listed placeholders.'],
      );
    }
    if (values[name] === undefined && !isOptionalVariable(name)) throw missingValueError(name);
  }
  const value = fillTemplate(template, values);
  return value === '' ? undefined : value;
}

function required(values: TemplateValues, name: 'clientId' | 'clientSecret' | 'accessToken'): string {
  const value = values[name];
  if (value === undefined) throw missingValueError(name);
  return String(value);
}

/** Header names are case-insensitive: a later value replaces an earlier one however it is spelt. */
function setHeader(headers: Record<string, string>, name: string, value: string): void {
  for (const existing of Object.keys(headers)) {
    if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
  }
  headers[name] = value;
}

/** A line break in a header value would split the request; the message names the header, never its value. */
function checkHeaderValue(name: string, value: string): void {
  if (!isSendableHeaderValue(value)) {
    throw new TokenTrayError(
      'invalid_setting',
      `The ${name} header would contain a line break or a character that HTTP headers cannot carry.`,
      ["Check the connection's settings and stored secrets for stray characters."],
    );
  }
}
