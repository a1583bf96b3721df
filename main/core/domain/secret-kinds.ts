/** Every secret a connection can hold, one keychain account each. */
export const SECRET_KINDS = [
  'clientSecret',
  'refreshToken',
  'accessToken',
  'partnerToken',
  /** The refresh token before a rotation, kept until the new one is confirmed written. */
  'previousRefreshToken',
  /** A manual connection's superseded partner token, usable until its own expiry. */
  'previousPartnerToken',
  /** The private key (PEM) of the connection's client certificate, for mutual TLS. */
  'clientKey',
  /** The company proxy's password, filed under PROFILE_SECRETS rather than a connection. */
  'proxyPassword',
] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];
