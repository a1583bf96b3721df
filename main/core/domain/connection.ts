import { z } from 'zod';
import { PemCertificatesSchema } from './network';
import { RenewalProfileSchema } from './renewal-profile';
import { RecordIdSchema } from './record-id';
import { TimestampSchema } from './timestamp';

export const DialectSchema = z.enum([
  'oauth2',
  'oauth-tokens-envelope',
  'partner-header',
  'bearer-rotation',
  'manual',
  'custom',
]);
export type Dialect = z.infer<typeof DialectSchema>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How often a token whose server gives no lifetime is renewed, unless the connection says otherwise. */
export const DEFAULT_UNKNOWN_LIFETIME_INTERVAL_MS = HOUR;

/** When to renew, per connection. */
export const RenewalPolicySchema = z.object({
  /** Renew once this share of the lifetime has passed (Vault and cert-manager use 2/3). */
  renewAtShare: z
    .number()
    .gt(0)
    .lt(1)
    .default(2 / 3),
  /** Renew at the latest this long before expiry. */
  leadTimeMs: z
    .number()
    .int()
    .min(0)
    .max(365 * DAY)
    .default(5 * MINUTE),
  /** Up to this much earlier, at random, so that many connections do not renew in the same second. */
  jitterMs: z.number().int().min(0).max(DAY).default(30_000),
  /** Days before expiry at which a manual token's reminders fire, each once. */
  reminderDays: z.array(z.number().int().min(0).max(366)).max(20).default([30, 14, 7, 3, 1]),
  /**
   * With no `expires_in` (RFC 6749 §5.1 makes it optional) the lifetime is unknown: renew this long after the last renewal,
   * so the token cannot die unseen. Defaulted, so files saved before it existed load as they are.
   */
  unknownLifetimeIntervalMs: z
    .number()
    .int()
    .min(MINUTE)
    .max(365 * DAY)
    .default(DEFAULT_UNKNOWN_LIFETIME_INTERVAL_MS),
});
export type RenewalPolicy = z.infer<typeof RenewalPolicySchema>;

/** A connection's non-secret settings; secrets live only in the vault. */
export const ConnectionSettingsSchema = z.object({
  clientId: z.string().trim().max(500).optional(),
  /** The partner-header dialect's `partnerId` header, an int32. */
  partnerIdHeader: z.number().int().min(-2147483648).max(2147483647).optional(),
  /** The bearer-rotation dialect's `Version` header. */
  apiVersion: z.string().trim().max(50).optional(),
  /** RFC 6749 §6: a refresh may only narrow the scope. */
  scope: z.string().trim().max(2000).optional(),
  /**
   * RFC 6749 §2.3.1: HTTP Basic by default, in the body where the partner asks for it; `none` for a
   * public client (RFC 8252 §8.4: a native app that signs in has no secret), which sends only its id.
   */
  authMethod: z.enum(['basic', 'body', 'none']).default('basic'),
  /** A flat JSON body, or one wrapped as {"token": {...}} (the oauth-tokens-envelope dialect). */
  bodyShape: z.enum(['flat', 'wrapped']).default('flat'),
  /** Mutual TLS: the client certificate (PEM) the partner issued; its private key is a secret. */
  clientCertificatePem: PemCertificatesSchema.optional(),
  /**
   * oauth2 only, how tokens are got: a refresh token typed in (the default when absent), the client's
   * own credentials on every renewal (RFC 6749 §4.4), or signing in (authorization code, RFC 7636).
   */
  grant: z.enum(['refresh_token', 'client_credentials', 'authorization_code']).optional(),
  /** The issuer whose RFC 8414 / OpenID metadata filled the endpoints, where one was given. */
  issuer: z.string().trim().max(2000).optional(),
  /** Where a person signs in (RFC 6749 §3.1), for the authorization code grant. */
  authorizationUrl: z.string().trim().max(2000).optional(),
  /** Client credentials: the `audience` parameter some servers require (Auth0, Okta). */
  audience: z.string().trim().max(2000).optional(),
  /** Client credentials: RFC 8707 `resource` indicator. */
  resource: z.string().trim().max(2000).optional(),
});
export type OAuthGrant = NonNullable<ConnectionSettings['grant']>;
export type ConnectionSettings = z.infer<typeof ConnectionSettingsSchema>;

export const ConnectionInputSchema = z.object({
  partnerId: RecordIdSchema,
  label: z.string().trim().min(1, 'Label is required').max(200),
  dialect: DialectSchema,
  /** Token endpoint (base URL plus the dialect's path, or the full URL for oauth2/custom). */
  endpoint: z.string().trim().max(2000).default(''),
  settings: ConnectionSettingsSchema.default({ authMethod: 'basic', bodyShape: 'flat' }),
  customProfile: RenewalProfileSchema.optional(),
  policy: RenewalPolicySchema.default({
    renewAtShare: 2 / 3,
    leadTimeMs: 5 * MINUTE,
    jitterMs: 30_000,
    reminderDays: [30, 14, 7, 3, 1],
    unknownLifetimeIntervalMs: DEFAULT_UNKNOWN_LIFETIME_INTERVAL_MS,
  }),
  verifyUrl: z.string().trim().max(2000).optional(),
  /** RFC 7009 revocation endpoint, where the partner has one. */
  revocationUrl: z.string().trim().max(2000).optional(),
  enabled: z.boolean().default(true),
});
export type ConnectionInput = z.input<typeof ConnectionInputSchema>;

/** As stored: ids are checked for their form where they come in (the API), not again on every read. */
export const ConnectionSchema = ConnectionInputSchema.extend({
  partnerId: z.string().min(1),
  id: z.string().min(1),
  createdAt: z.number(),
});
export type Connection = z.infer<typeof ConnectionSchema>;

/** A secret as typed or pasted: never empty, never beyond what a keychain item holds. */
export const SecretSchema = z.string().trim().min(1).max(16_384);

/** Secrets typed into the add/edit form. They go to the keychain and nowhere else. */
export const ConnectionSecretsSchema = z.object({
  clientSecret: SecretSchema.optional(),
  refreshToken: SecretSchema.optional(),
  accessToken: SecretSchema.optional(),
  partnerToken: SecretSchema.optional(),
  /** The private key of the connection's client certificate (PEM), for mutual TLS. */
  clientKey: SecretSchema.optional(),
  /** Expiry of the given access or partner token, where the person knows it. */
  tokenExpiresAt: TimestampSchema.optional(),
});
export type ConnectionSecrets = z.infer<typeof ConnectionSecretsSchema>;
export type ConnectionSecretsInput = z.input<typeof ConnectionSecretsSchema>;
