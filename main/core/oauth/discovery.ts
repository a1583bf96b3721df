import * as oauth from 'oauth4webapi';
import { ValidationError } from '../domain/errors';
import { checkEndpointUrl } from '../dialects/endpoint-security';
import { HttpFailure, type HttpClient } from '../http/http-client';
import { fetchThrough } from './fetch-through';

/** What an issuer's metadata fills in on an `oauth2` connection. */
export interface DiscoveredIssuer {
  issuer: string;
  tokenEndpoint: string;
  /** Absent when the server offers no authorization code flow (client credentials only). */
  authorizationEndpoint?: string;
  revocationEndpoint?: string;
  /** RFC 8414 §2: `client_secret_basic` is the default when the server lists no methods. */
  authMethod: 'basic' | 'body';
  grantTypes: string[];
}

const FIELD = 'settings.issuer';

/**
 * RFC 8414 / OpenID Connect Discovery from an issuer URL: OpenID's well-known document first,
 * then RFC 8414's. Everything is checked before anything is returned, so a bad answer gives a
 * field error and never a half-filled connection.
 */
export async function discoverIssuer(
  issuerUrl: string,
  http: HttpClient,
  partnerId?: string,
): Promise<DiscoveredIssuer> {
  const checked = checkEndpointUrl(issuerUrl);
  if (!checked.ok) throw fieldError(checked.message);
  const issuer = checked.url;
  if (issuer.search !== '' || issuer.hash !== '') {
    throw fieldError('An issuer URL has no query or fragment (RFC 8414 §2).');
  }
  let problem = 'The server publishes no OAuth metadata at this issuer URL.';
  for (const algorithm of ['oidc', 'oauth2'] as const) {
    try {
      const response = await oauth.discoveryRequest(issuer, {
        algorithm,
        [oauth.customFetch]: fetchThrough(http, { partnerId }),
        [oauth.allowInsecureRequests]: issuer.protocol === 'http:',
      });
      return describe(issuer, await oauth.processDiscoveryResponse(issuer, response));
    } catch (error) {
      if (error instanceof ValidationError) throw error;
      problem = reasonOf(error, problem);
      if (isUnreachable(error)) break;
    }
  }
  throw fieldError(problem);
}

function describe(issuer: URL, metadata: oauth.AuthorizationServer): DiscoveredIssuer {
  const tokenEndpoint = sameHostEndpoint(issuer, metadata.token_endpoint, 'token endpoint');
  if (!tokenEndpoint) throw fieldError("The server's metadata names no token endpoint.");
  const methods = metadata.token_endpoint_auth_methods_supported;
  const authMethod =
    methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post')
      ? 'body'
      : 'basic';
  return {
    issuer: metadata.issuer,
    tokenEndpoint,
    authorizationEndpoint: sameHostEndpoint(
      issuer,
      metadata.authorization_endpoint,
      'authorization endpoint',
    ),
    revocationEndpoint: sameHostEndpoint(issuer, metadata.revocation_endpoint, 'revocation endpoint'),
    authMethod,
    grantTypes: metadata.grant_types_supported ?? ['authorization_code', 'implicit'],
  };
}

/** Secrets go to these endpoints: each must pass the endpoint rule and stay on the issuer's host. */
function sameHostEndpoint(issuer: URL, value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw fieldError(`The server's metadata has a ${name} that is not a URL.`);
  const checked = checkEndpointUrl(value);
  if (!checked.ok) throw fieldError(`The ${name} in the server's metadata is not usable: ${checked.message}`);
  if (checked.url.host !== issuer.host || checked.url.protocol !== issuer.protocol) {
    throw fieldError(
      `The server's metadata names a ${name} on another host (${checked.url.host}) than the issuer (${issuer.host}); TokenTray sends secrets only to the issuer's host.`,
    );
  }
  return checked.url.href;
}

function reasonOf(error: unknown, fallback: string): string {
  const failure = error instanceof HttpFailure ? error : error instanceof Error ? error.cause : undefined;
  if (failure instanceof HttpFailure) return `The issuer could not be reached: ${failure.message}.`;
  if (!(error instanceof oauth.OperationProcessingError)) return fallback;
  switch (error.code) {
    case oauth.RESPONSE_IS_NOT_CONFORM:
      return fallback;
    case oauth.JSON_ATTRIBUTE_COMPARISON:
      return "The server's metadata names a different issuer than the URL entered.";
    default:
      return "The server's metadata is not valid OAuth metadata (a JSON object naming its issuer and endpoints).";
  }
}

function isUnreachable(error: unknown): boolean {
  return error instanceof HttpFailure || (error instanceof Error && error.cause instanceof HttpFailure);
}

function fieldError(message: string): ValidationError {
  return new ValidationError(message, { [FIELD]: message });
}
