/**
 * Each method's arguments as a zod tuple: main validates every call with these before
 * the implementation sees it. Main process only (the preload bundles no zod); the
 * compiler ties each schema to its method's parameters in the contract.
 */
import { z } from 'zod';
import type { AuditFilter } from '../audit/audit-log';
import {
  ConnectionInputSchema,
  ConnectionSecretsSchema,
  PartnerInputSchema,
  RecordIdSchema,
  SecretSchema,
  TimestampSchema,
} from '../domain';
import { SettingsSchema } from '../domain/settings';
import type { TokenTrayApi } from './api-contract';
import type { ApiMethod } from './api-methods';
import { IMPORT_MAX_CHARS } from '../domain/import-limits';

const id = RecordIdSchema;
const passphrase = z.string().min(1, 'Enter a passphrase').max(1_024);

const HistoryFilterSchema = z.object({
  connectionId: id.optional(),
  partnerId: id.optional(),
  limit: z.number().int().min(1).max(1000).optional(),
  /** Paging: entries older than the one with this id (the last of the previous page). */
  before: id.optional(),
}) satisfies z.ZodType<AuditFilter>;

/**
 * A settings change: every field optional and without its default, so a patch
 * changes only the fields it names (zod 4 fills defaults even inside optional fields).
 */
type SettingsShape = typeof SettingsSchema.shape;
const SettingsPatchSchema = z.object(
  Object.fromEntries(
    Object.entries(SettingsSchema.shape).map(([key, field]) => [key, field.unwrap().optional()]),
  ) as { [K in keyof SettingsShape]: z.ZodOptional<ReturnType<SettingsShape[K]['unwrap']>> },
);

/** A schema whose parsed arguments are what the method declares. */
type ArgumentsOf<M extends ApiMethod> = z.ZodType<Parameters<TokenTrayApi[M]>>;

export const API_INPUTS = {
  getSnapshot: z.tuple([]),
  getConnection: z.tuple([id]),
  listPresets: z.tuple([]),
  addPartner: z.tuple([PartnerInputSchema]),
  updatePartner: z.tuple([id, PartnerInputSchema]),
  removePartner: z.tuple([id]),
  addConnection: z.tuple([ConnectionInputSchema, ConnectionSecretsSchema]),
  updateConnection: z.tuple([id, ConnectionInputSchema, ConnectionSecretsSchema.optional()]),
  removeConnection: z.tuple([id]),
  renewNow: z.tuple([id]),
  renewDue: z.tuple([]),
  copyToken: z.tuple([id]),
  readToken: z.tuple([id]),
  previewShare: z.tuple([id]),
  shareToken: z.tuple([id, z.enum(['mailDraft', 'copyMessage'])]),
  replaceManualToken: z.tuple([id, SecretSchema, TimestampSchema.optional()]),
  verifyToken: z.tuple([id]),
  checkConnection: z.tuple([id]),
  revokeAllTokens: z.tuple([id]),
  getHistory: z.tuple([HistoryFilterSchema]),
  getSettings: z.tuple([]),
  updateSettings: z.tuple([SettingsPatchSchema]),
  setProxyPassword: z.tuple([SecretSchema.nullable()]),
  setRenewalsPaused: z.tuple([z.boolean()]),
  exportData: z.tuple([]),
  importData: z.tuple([z.string().max(IMPORT_MAX_CHARS)]),
  // A passphrase is taken as typed (never trimmed): what the person types on the other computer must match.
  exportBackup: z.tuple([passphrase]),
  importBackup: z.tuple([z.string().max(IMPORT_MAX_CHARS), passphrase]),
  discoverIssuer: z.tuple([
    z.string().trim().min(1, 'Enter the issuer URL').max(2000),
    id.nullable().optional(),
  ]),
  startSignIn: z.tuple([id]),
  finishSignIn: z.tuple([id]),
  cancelSignIn: z.tuple([id]),
  setAsideDamagedRecords: z.tuple([]),
  startOver: z.tuple([]),
  rotateDataKey: z.tuple([]),
  createJoinCode: z.tuple([]),
  moveIntoWorkspace: z.tuple([
    z.object({
      url: z
        .string()
        .trim()
        .regex(/^postgres(ql)?:\/\//, 'Enter a PostgreSQL URL: postgres://user@host:port/database')
        .max(2000),
      member: z.string().trim().min(1, 'Enter your name as the workspace shows it').max(200),
      password: z.string().min(1).max(1000).optional(),
      joinCode: z.string().trim().min(1).max(200).optional(),
    }),
  ]),
  moveOutOfWorkspace: z.tuple([z.string().trim().min(1, 'Enter a folder for the local profile').max(4096)]),
} as const satisfies { [M in ApiMethod]: ArgumentsOf<M> };
