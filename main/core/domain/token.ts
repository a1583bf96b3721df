import { createHash } from 'node:crypto';
import { z } from 'zod';

/** A token's status; New and Renewed are the manual dialect's pasted token and the one it replaced. */
export const TokenStatusSchema = z.enum(['new', 'active', 'renewed', 'revoked', 'expired']);
export type TokenStatus = z.infer<typeof TokenStatusSchema>;

/** Metadata of one issued credential. The secret itself is only ever in the vault. */
export const TokenRecordSchema = z.object({
  id: z.string().min(1),
  connectionId: z.string().min(1),
  /** `access` for renewable dialects, `partner` for tokens issued in a portal (manual). */
  kind: z.enum(['access', 'partner']),
  status: TokenStatusSchema,
  issuedAt: z.number(),
  /** Absolute expiry; null when the server gave no lifetime (shown as "unknown", never "never"). */
  expiresAt: z.number().nullable(),
  scope: z.string().optional(),
  serverId: z.string().optional(),
  userId: z.string().optional(),
  /** First 12 hex digits of the token's SHA-256, so people can tell tokens apart without seeing them. */
  fingerprint: z.string(),
});
export type TokenRecord = z.infer<typeof TokenRecordSchema>;

export function fingerprint(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 12);
}
