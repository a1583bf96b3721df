import type { StorageState } from '../../../main/core/store/storage-failure';
import type { Dialect, RenewalPhase } from '../../../main/core/domain';
import { ConnectionSchema } from '../../../main/core/domain/connection';
import { PartnerSchema } from '../../../main/core/domain/partner';
import { DEFAULT_SETTINGS } from '../../../main/core/domain/settings';
import { ConnectionStateSchema } from '../../../main/core/domain/state';
import type { TokenRecord } from '../../../main/core/domain/token';
import type { ListSnapshot } from '../../../main/core/view/list-snapshot';
import { buildListSnapshot } from '../../../main/core/view/list-snapshot';
import type { SecretsLock } from '../../../main/core/vault/profile-lock-state';
import { viewContextAt } from '../../support/view-context';

export const NOW = Date.UTC(2025, 0, 15, 9, 0, 0);
export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;

export interface FixtureConnection {
  partner: string;
  label: string;
  dialect?: Dialect;
  /** Token expiry from NOW; null for a lifetime the server did not give. */
  expiresInMs: number | null;
  phase?: RenewalPhase;
  /** The planner's due time from NOW; null when none is planned. */
  dueInMs?: number | null;
}

/** The list snapshot the shell reads, built by the core's own view code from plain domain records. */
export function snapshotOf(
  connections: FixtureConnection[],
  options: {
    renewalsPaused?: boolean;
    keychainAvailable?: boolean;
    storage?: StorageState;
    secretsLock?: SecretsLock | null;
  } = {},
): ListSnapshot {
  const partnerNames = [...new Set(connections.map((c) => c.partner))];
  const partners = partnerNames.map((name, i) =>
    PartnerSchema.parse({ id: `p${i}`, name, createdAt: NOW - DAY }),
  );
  const records = connections.map((c, i) => ({
    fixture: c,
    connection: ConnectionSchema.parse({
      id: `c${i}`,
      partnerId: partners[partnerNames.indexOf(c.partner)]!.id,
      label: c.label,
      dialect: c.dialect ?? 'oauth2',
      endpoint: 'https://partner.example/token',
      createdAt: NOW - DAY,
    }),
  }));
  const token = (id: string, expiresInMs: number | null): TokenRecord => ({
    id: `t-${id}`,
    connectionId: id,
    kind: 'access',
    status: 'active',
    issuedAt: NOW - MINUTE,
    expiresAt: expiresInMs === null ? null : NOW + expiresInMs,
    fingerprint: 'abcdef123456',
  });
  const find = (id: string) => records.find((r) => r.connection.id === id)!;
  return buildListSnapshot(
    {
      partners,
      connectionsOf: (partnerId) =>
        records.filter((r) => r.connection.partnerId === partnerId).map((r) => r.connection),
      state: (id) =>
        ConnectionStateSchema.parse({ connectionId: id, phase: find(id).fixture.phase ?? 'idle' }),
      tokensOf: (id) => [token(id, find(id).fixture.expiresInMs)],
      isRenewing: () => false,
      isWaitingOnStorage: () => false,
      dueAt: (id) => {
        const due = find(id).fixture.dueInMs;
        return due === undefined || due === null ? undefined : NOW + due;
      },
    },
    viewContextAt(NOW, {
      renewalsPaused: options.renewalsPaused ?? false,
      keychainAvailable: options.keychainAvailable ?? true,
      storage: options.storage ?? { ok: true },
      secretsLock: options.secretsLock ?? null,
      settings: { ...DEFAULT_SETTINGS, renewalsPaused: options.renewalsPaused ?? false },
    }),
  );
}
