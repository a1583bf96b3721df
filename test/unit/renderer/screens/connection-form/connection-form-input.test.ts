import { describe, expect, it } from 'vitest';
import type { PresetInfo } from '../../../../../renderer/api/types';
import {
  buildConnection,
  parseDays,
} from '../../../../../renderer/screens/connection-form/connection-form-input';
import type { ConnectionFormState } from '../../../../../renderer/screens/connection-form/connection-form-model';
import {
  customProfileFields,
  visibleFields,
} from '../../../../../renderer/screens/connection-form/preset-fields';
import { newConnectionForm, OAUTH2_PRESET } from './form-fixtures';

const PRESETS: Record<string, PresetInfo> = {
  'partner-header': {
    dialect: 'partner-header',
    title: 'Partner id header',
    summary: '',
    requiredSettings: ['partnerIdHeader'],
    requiredSecrets: ['refreshToken'],
  },
  manual: {
    dialect: 'manual',
    title: 'Manual',
    summary: '',
    requiredSettings: [],
    requiredSecrets: ['partnerToken'],
  },
  oauth2: OAUTH2_PRESET,
};

function form(overrides: Partial<ConnectionFormState>): ConnectionFormState {
  return { ...newConnectionForm(), label: 'Orders', ...overrides };
}

describe('the connection form', () => {
  it('sends a partner-header connection with its int32 partner id and only the secrets typed', () => {
    const built = buildConnection(
      form({
        dialect: 'partner-header',
        endpoint: 'https://partner.example',
        partnerIdHeader: '42',
        refreshToken: '  rt-1  ',
        clientId: 'left over from another preset',
      }),
      PRESETS['partner-header'],
      'add',
    );
    expect(built.errors).toEqual({});
    expect(built.input.settings).toMatchObject({ partnerIdHeader: 42 });
    expect(built.input.settings?.clientId).toBeUndefined();
    expect(built.secrets).toEqual({ refreshToken: 'rt-1' });
  });

  it('refuses a partner id outside int32 and a missing required secret, before any round trip', () => {
    const built = buildConnection(
      form({ dialect: 'partner-header', endpoint: 'https://partner.example', partnerIdHeader: '2147483648' }),
      PRESETS['partner-header'],
      'add',
    );
    expect(built.errors['settings.partnerIdHeader']).toMatch(/whole number/);
    expect(built.errors['secrets.refreshToken']).toBe('Required for this preset');
  });

  it('does not ask again for secrets the keychain already holds when editing', () => {
    const built = buildConnection(
      form({ dialect: 'oauth2', endpoint: 'https://partner.example/token', clientId: 'client' }),
      PRESETS.oauth2,
      'edit',
    );
    expect(built.errors).toEqual({});
    expect(built.secrets).toEqual({});
  });

  it('asks for the new secrets when re-adding', () => {
    const built = buildConnection(
      form({ dialect: 'oauth2', endpoint: 'https://partner.example/token', clientId: 'client' }),
      PRESETS.oauth2,
      'reAdd',
    );
    expect(Object.keys(built.errors).sort()).toEqual(['secrets.clientSecret', 'secrets.refreshToken']);
  });

  it('sends a manual token with no endpoint and its expiry at the end of the chosen day', () => {
    const built = buildConnection(
      form({
        dialect: 'manual',
        endpoint: 'https://ignored.example',
        partnerToken: 'portal-token',
        tokenExpiresOn: '2099-03-01',
      }),
      PRESETS.manual,
      'add',
    );
    expect(built.errors).toEqual({});
    expect(built.input.endpoint).toBe('');
    expect(built.secrets.partnerToken).toBe('portal-token');
    expect(new Date(built.secrets.tokenExpiresAt!).getDate()).toBe(1);
    expect(new Date(built.secrets.tokenExpiresAt!).getHours()).toBe(23);
  });

  it('names a custom profile that is not JSON, and keeps the form as typed', () => {
    const state = form({
      dialect: 'custom',
      endpoint: 'https://partner.example',
      customProfile: '{ "request": ',
    });
    const built = buildConnection(state, undefined, 'add');
    expect(built.errors.customProfile).toMatch(/^Not valid JSON/);
    expect(state.customProfile).toBe('{ "request": ');
  });

  it('turns the renewal policy into the units the host stores', () => {
    const built = buildConnection(
      form({
        dialect: 'manual',
        partnerToken: 't',
        renewAtPercent: '75',
        leadTimeMinutes: '10',
        jitterSeconds: '5',
        unknownLifetimeMinutes: '90',
        reminderDays: '30, 7 1',
      }),
      PRESETS.manual,
      'add',
    );
    expect(built.input.policy).toEqual({
      renewAtShare: 0.75,
      leadTimeMs: 600_000,
      jitterMs: 5000,
      unknownLifetimeIntervalMs: 5_400_000,
      reminderDays: [30, 7, 1],
    });
  });

  it('starts the unknown-lifetime interval from the defaults and refuses one under a minute or not a number', () => {
    expect(form({}).unknownLifetimeMinutes).toBe('60');
    const oauth2 = {
      dialect: 'oauth2',
      endpoint: 'https://partner.example/token',
      clientId: 'client',
    } as const;
    for (const typed of ['0.5', '', 'hourly', '525601']) {
      const built = buildConnection(
        form({ ...oauth2, unknownLifetimeMinutes: typed }),
        PRESETS.oauth2,
        'edit',
      );
      expect(built.errors).toEqual({
        'policy.unknownLifetimeIntervalMs': 'Minutes, from 1 up to a year (525600)',
      });
    }
  });

  it('keeps an untouched renewal share exactly as it was, not rounded to the percent shown', () => {
    const built = buildConnection(form({ dialect: 'manual', partnerToken: 't' }), PRESETS.manual, 'add');
    expect(form({}).renewAtPercent).toBe('66.7');
    expect(built.input.policy?.renewAtShare).toBe(2 / 3);
  });

  it('shows a custom profile only the fields its placeholders and client authentication use', () => {
    const fields = customProfileFields(
      '{"request":{"clientAuth":"none","bearerAccessToken":true,"body":{"fields":{"rt":"{{ refreshToken }}"}}}}',
    );
    expect(fields).toContain('secrets.refreshToken');
    expect(fields).toContain('secrets.accessToken');
    expect(fields).not.toContain('secrets.clientSecret');
    expect(visibleFields(form({ dialect: 'manual' })).has('endpoint')).toBe(false);
  });

  it('reads reminder days separated by commas or spaces, and refuses anything else', () => {
    expect(parseDays('30, 14 7;3')).toEqual([30, 14, 7, 3]);
    expect(parseDays('30, soon')).toBeNull();
    expect(parseDays('400')).toBeNull();
  });
});
