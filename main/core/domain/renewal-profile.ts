import { z } from 'zod';

/**
 * The declarative renewal profile: every dialect is a preset of this one format,
 * and a person can write a custom one for a partner that fits none of the presets.
 *
 * Values in headers and body are templates: literal text with `{{name}}` placeholders
 * filled from the connection (see `TemplateVariable`). A value that is exactly one
 * placeholder keeps the variable's type in a JSON body (so an int32 stays a number).
 */
export const TEMPLATE_VARIABLES = [
  'clientId',
  'clientSecret',
  'refreshToken',
  'accessToken',
  'scope',
  'partnerIdHeader',
  'apiVersion',
  'audience',
  'resource',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

const headerName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'Not a valid HTTP header name');
const template = z.string().max(4000);
/** A dotted path into a JSON response, like `data.expires_at`. */
const fieldPath = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, 'A field path is names joined by dots, like data.value');

export const ExpirySourceSchema = z.discriminatedUnion('kind', [
  /** Seconds from now; may arrive as a number or a numeric string. */
  z.object({ kind: z.literal('expiresIn'), path: fieldPath }),
  /** Epoch seconds (the oauth-tokens-envelope dialect's `data.expires_at`). */
  z.object({ kind: z.literal('expiresAt'), path: fieldPath }),
  /** An ISO 8601 date-time. */
  z.object({ kind: z.literal('isoDate'), path: fieldPath }),
  /** The `exp` claim of the new access token, when it is a JWT (RFC 7519 §4.1.4; the bearer-rotation dialect). */
  z.object({ kind: z.literal('jwtExp') }),
]);
export type ExpirySource = z.infer<typeof ExpirySourceSchema>;

export const RenewalProfileSchema = z.object({
  request: z.object({
    method: z.enum(['POST', 'PUT']).default('POST'),
    /** Appended to the connection's endpoint; empty when the endpoint is the full URL. */
    path: z
      .string()
      .max(500)
      .regex(/^(\/[^\s?#]*)?$/, 'A path starts with / and has no query')
      .default(''),
    /** How the client authenticates: RFC 6749 §2.3.1 Basic, in the body, or not at all. */
    clientAuth: z.enum(['basic', 'body', 'none', 'connection']).default('none'),
    /** Send the current access token as `Authorization: Bearer` (the bearer-rotation dialect). */
    bearerAccessToken: z.boolean().default(false),
    headers: z.record(headerName, template).default({}),
    body: z.object({
      encoding: z.enum(['form', 'json']),
      fields: z.record(z.string().min(1).max(100), template),
      /** Optionally wrap the body as `{ [wrapIn]: {...} }` (JSON only; the oauth-tokens-envelope dialect). */
      wrapIn: z.string().min(1).max(100).optional(),
    }),
  }),
  response: z.object({
    /** Statuses that mean success (the oauth-tokens-envelope dialect answers 201). */
    successStatus: z.array(z.number().int().min(200).max(299)).min(1).default([200]),
    accessToken: fieldPath,
    refreshToken: fieldPath.optional(),
    /** `token_type` (RFC 6749 §5.1), where the server sends one. */
    tokenType: fieldPath.optional(),
    /** Tried in order; the first that yields a time wins. */
    expiry: z.array(ExpirySourceSchema).max(5).default([]),
    /** Seconds until the server suggests renewing (`refresh_in`). */
    refreshIn: fieldPath.optional(),
    /** Seconds until the refresh token dies (`refresh_expires_in`, `refresh_token_expires_in`). */
    refreshExpiresIn: z.array(fieldPath).max(5).default([]),
    scope: fieldPath.optional(),
    serverId: fieldPath.optional(),
    userId: fieldPath.optional(),
  }),
  errors: z
    .object({
      codePath: fieldPath.default('error'),
      descriptionPath: fieldPath.default('error_description'),
    })
    .default({ codePath: 'error', descriptionPath: 'error_description' }),
  /** Refresh tokens rotate on every renewal and have their own lifetime (bearer-rotation: about 30 days). */
  refreshTokenLifetimeDays: z.number().int().min(1).max(3650).optional(),
});
export type RenewalProfile = z.infer<typeof RenewalProfileSchema>;
export type RenewalProfileInput = z.input<typeof RenewalProfileSchema>;
