import { z } from 'zod';

export const AuditActionSchema = z.enum([
  'partnerAdded',
  'partnerUpdated',
  'partnerRemoved',
  'connectionAdded',
  'connectionUpdated',
  'connectionRemoved',
  'issued',
  'renewed',
  'signedIn',
  'renewalRetry',
  'renewalFailed',
  'replaced',
  'verified',
  'verifyFailed',
  'copied',
  'shared',
  /** Read by a script through the command line (`tokentray token`). */
  'read',
  'revoked',
  'recovered',
  /** The profile started over with a new data key, its secrets cleared. */
  'startedOver',
  /** The profile's secrets were re-sealed under a new data key. */
  'keyRotated',
  /** Secrets kept one per keychain item were moved into the profile. */
  'secretsMigrated',
  /** The password of the proxy in the network settings was stored or replaced (never the password itself). */
  'proxyPasswordStored',
  /** That password was removed: requests go to the proxy without credentials. */
  'proxyPasswordRemoved',
  /** In a shared workspace: a member made a one-time join code (never in the history itself). */
  'joinCodeMade',
  /** In a shared workspace: a member's first start, with a join code. */
  'memberJoined',
  /** A local profile's partners and connections moved into the shared workspace. */
  'movedIn',
  /** The workspace's partners and connections moved out into a local profile. */
  'movedOut',
]);

/** One line of history. Never holds a secret: only fingerprints. */
export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.number(),
  action: AuditActionSchema,
  outcome: z.enum(['ok', 'retry', 'followUp', 'info']),
  partnerId: z.string().optional(),
  connectionId: z.string().optional(),
  httpStatus: z.number().optional(),
  message: z.string().max(1000).optional(),
  fingerprint: z.string().optional(),
  /** In a shared workspace: the member whose TokenTray did it, by display name (as of then, or as the window names them now). */
  member: z.string().optional(),
  /** In a shared workspace: that member's lasting id, which a rename keeps and a namesake does not share. */
  memberId: z.string().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
