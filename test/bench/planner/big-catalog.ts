import type { Connection, ConnectionState, Dialect, Partner, TokenRecord } from '../../../main/core/domain';
import { initialState } from '../../../main/core/domain';
import { RenewalPolicySchema } from '../../../main/core/domain/connection';
import type { MetadataStore } from '../../../main/core/store/metadata-store';
import type { StoreData } from '../../../main/core/store/schema';
import { emptyStoreData } from '../../../main/core/store/schema';
import { DAY } from '../scheduler/due-times';

const RENEWABLE: Array<{ dialect: Dialect; path: string; settings: Connection['settings'] }> = [
  {
    dialect: 'oauth2',
    path: '/oauth2/token',
    settings: { clientId: 'client', authMethod: 'basic', bodyShape: 'flat' },
  },
  {
    dialect: 'oauth-tokens-envelope',
    path: '/oauth/tokens',
    settings: { clientId: 'client', authMethod: 'basic', bodyShape: 'flat' },
  },
  {
    dialect: 'partner-header',
    path: '/v1/auth/token',
    settings: { partnerIdHeader: 4711, authMethod: 'basic', bodyShape: 'flat' },
  },
  {
    dialect: 'bearer-rotation',
    path: '/User/RefreshToken',
    settings: { apiVersion: '2.0', authMethod: 'basic', bodyShape: 'flat' },
  },
];
export const CONNECTIONS_PER_PARTNER = 10;

/**
 * A profile with `count` connections of every renewable dialect, ten per partner,
 * each renewed once within the last 30 days for a 90-day token: all are planned
 * weeks ahead, so planning and re-planning run without any renewal firing.
 */
export function bigStoreData(count: number, now: number, random: () => number): StoreData {
  const data = emptyStoreData();
  // A profile of this version: its secrets are sealed in it, so start-up makes a data key and
  // moves nothing out of the keychain (that one-time migration is not what is measured).
  data.sealing = {
    profileId: `bench-${count}`,
    keyVersion: 1,
    check: null,
    keychainItems: 'done',
    rotatingTo: null,
    retiredVersion: null,
  };
  const policy = RenewalPolicySchema.parse({});
  // Parsed once: a schema parse per connection would take longer than what is measured.
  const blankState = initialState('template');
  for (let index = 0; index < count; index++) {
    const partnerIndex = Math.floor(index / CONNECTIONS_PER_PARTNER);
    const partnerId = `partner-${partnerIndex}`;
    if (index % CONNECTIONS_PER_PARTNER === 0)
      data.partners[partnerId] = partner(partnerId, partnerIndex, now);
    const preset = RENEWABLE[index % RENEWABLE.length]!;
    const id = `connection-${index}`;
    const issuedAt = now - Math.floor(random() * 30 * DAY);
    const connection: Connection = {
      id,
      partnerId,
      label: `${preset.dialect} ${index}`,
      dialect: preset.dialect,
      endpoint: `https://partner-${partnerIndex}.example${preset.path}`,
      settings: { ...preset.settings },
      policy: { ...policy },
      enabled: true,
      createdAt: now - 60 * DAY,
    };
    const token: TokenRecord = {
      id: `token-${index}`,
      connectionId: id,
      kind: 'access',
      status: 'active',
      issuedAt,
      expiresAt: issuedAt + 90 * DAY,
      scope: 'read write',
      fingerprint: index.toString(16).padStart(12, '0'),
    };
    const state: ConnectionState = {
      ...blankState,
      remindersSent: [],
      connectionId: id,
      lastRenewedAt: issuedAt,
    };
    data.connections[id] = connection;
    data.tokens[token.id] = token;
    data.states[id] = state;
  }
  return data;
}

function partner(id: string, index: number, now: number): Partner {
  return {
    id,
    name: `Partner ${index}`,
    contactEmail: `ops${index}@partner.example`,
    notes: '',
    status: 'active',
    createdAt: now - 90 * DAY,
  };
}

/**
 * The store contract held in memory: planning is measured, not the disk. `path` names
 * where the store's journal goes (nothing is journalled unless something changes).
 */
export function memoryStore(data: StoreData, path: string): MetadataStore<StoreData> {
  const sections: StoreData = { ...data };
  return {
    path,
    get: (key) => sections[key],
    set: (key, value) => {
      sections[key] = value;
    },
    setMany: (values) => Object.assign(sections, values),
    readAll: () => ({ ...sections }),
  };
}
