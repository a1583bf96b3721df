import type { Provisioned } from './simulator';

/**
 * The requests each dialect expects, made with plain fetch: the simulator's tests use them, and they
 * show a reader what a well-formed renewal looks like on the wire.
 */

/** RFC 6749 Appendix B: form-encode the id and secret before joining and Base64-encoding them. */
export function basicAuth(clientId: string, clientSecret: string): string {
  const encode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString('base64')}`;
}

export interface OAuth2Request {
  refreshToken?: string;
  scope?: string;
  clientAuth?: 'basic' | 'body';
  signal?: AbortSignal;
}

export function renewOAuth2(account: Provisioned, request: OAuth2Request = {}): Promise<Response> {
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: request.refreshToken ?? account.refreshToken ?? '',
  });
  if (request.scope !== undefined) form.set('scope', request.scope);
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (request.clientAuth === 'body') {
    form.set('client_id', account.clientId ?? '');
    form.set('client_secret', account.clientSecret ?? '');
  } else {
    headers.Authorization = basicAuth(account.clientId ?? '', account.clientSecret ?? '');
  }
  return fetch(account.endpoint, { method: 'POST', headers, body: form, signal: request.signal });
}

export function renewEnvelope(
  account: Provisioned,
  request: { refreshToken?: string; wrapped?: boolean; clientSecret?: string; signal?: AbortSignal } = {},
): Promise<Response> {
  const fields = {
    client_id: account.clientId,
    client_secret: request.clientSecret ?? account.clientSecret,
    refresh_token: request.refreshToken ?? account.refreshToken,
    grant_type: 'refresh_token',
  };
  return postJson(account.endpoint, request.wrapped ? { token: fields } : fields, {}, request.signal);
}

export function renewPartnerHeader(
  account: Provisioned,
  request: { refreshToken?: string; partnerId?: string; signal?: AbortSignal } = {},
): Promise<Response> {
  const headers = {
    partnerId: request.partnerId ?? String(account.partnerIdHeader),
    grantType: 'refresh_token',
  };
  return postJson(
    account.endpoint,
    { refreshToken: request.refreshToken ?? account.refreshToken },
    headers,
    request.signal,
  );
}

export function renewBearer(
  account: Provisioned,
  request: {
    accessToken?: string | null;
    refreshToken?: string;
    version?: string | null;
    signal?: AbortSignal;
  } = {},
): Promise<Response> {
  const headers: Record<string, string> = {};
  const accessToken = request.accessToken === undefined ? account.accessToken : request.accessToken;
  if (accessToken !== null) headers.Authorization = `Bearer ${accessToken}`;
  const version = request.version === undefined ? (account.apiVersion ?? '2.0') : request.version;
  if (version !== null) headers.Version = version;
  return postJson(
    account.endpoint,
    { refreshToken: request.refreshToken ?? account.refreshToken },
    headers,
    request.signal,
  );
}

/** A well-formed renewal for any dialect that has an endpoint, with the account's current tokens. */
export function renew(account: Provisioned, signal?: AbortSignal): Promise<Response> {
  switch (account.dialect) {
    case 'oauth2':
      return renewOAuth2(account, { signal });
    case 'oauth-tokens-envelope':
      return renewEnvelope(account, { signal });
    case 'partner-header':
      return renewPartnerHeader(account, { signal });
    case 'bearer-rotation':
      return renewBearer(account, { signal });
    case 'manual':
      throw new Error('Manual tokens are renewed in the portal, not over HTTP');
  }
}

export function verifyToken(account: Provisioned, token: string): Promise<Response> {
  return fetch(account.verifyUrl, { headers: { Authorization: `Bearer ${token}` } });
}

export function revokeToken(
  account: Provisioned,
  token: string,
  clientSecret = account.clientSecret,
): Promise<Response> {
  return fetch(account.revocationUrl ?? '', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: basicAuth(account.clientId ?? '', clientSecret ?? ''),
    },
    body: new URLSearchParams({ token, token_type_hint: 'refresh_token' }),
  });
}

function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string>,
  signal?: AbortSignal,
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal,
  });
}
