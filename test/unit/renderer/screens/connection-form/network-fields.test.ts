import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pemWithLineBreaks } from '../../../../../main/core/domain/pem-text';
import type { Settings } from '../../../../../renderer/api/types';
import { buildConnection } from '../../../../../renderer/screens/connection-form/connection-form-input';
import type { ConnectionFormState } from '../../../../../renderer/screens/connection-form/connection-form-model';
import { connectionFormState } from '../../../../../renderer/screens/connection-form/connection-form-model';
import {
  checkPartnerForm,
  partnerFormState,
  partnerInput,
} from '../../../../../renderer/screens/partner-form/partner-form-model';

const DEFAULTS = {
  renewalPolicy: {
    renewAtShare: 2 / 3,
    leadTimeMs: 300_000,
    jitterMs: 30_000,
    reminderDays: [30],
    unknownLifetimeIntervalMs: 3_600_000,
  },
} as Settings;

/** A certificate's shape is enough here: the host parses it. */
const CERTIFICATE = `-----BEGIN CERTIFICATE-----\n${'QUJD'.repeat(16)}\n-----END CERTIFICATE-----`;
const KEY = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
  type: 'pkcs8',
  format: 'pem',
}) as string;

function form(overrides: Partial<ConnectionFormState>): ConnectionFormState {
  return {
    ...connectionFormState({ partnerId: 'p1', defaults: DEFAULTS }),
    label: 'Payments',
    dialect: 'oauth2',
    endpoint: 'https://bank.example/token',
    clientId: 'client',
    clientSecret: 'secret',
    refreshToken: 'rt',
    ...overrides,
  };
}

describe('the connection form for mutual TLS', () => {
  it('sends the certificate as a setting and the key as a secret, the key with its line breaks back', () => {
    // A password field drops line breaks from what is pasted into it.
    const pasted = KEY.replace(/\n/g, '');
    const built = buildConnection(
      form({ clientCertificatePem: CERTIFICATE, clientKey: pasted }),
      undefined,
      'add',
    );

    expect(built.errors).toEqual({});
    expect(built.input.settings?.clientCertificatePem).toBe(CERTIFICATE);
    expect(() => createPrivateKey(built.secrets.clientKey!)).not.toThrow();
  });

  it('gives field errors for a certificate or key that is not PEM, and for one without the other', () => {
    const garbled = buildConnection(
      form({ clientCertificatePem: 'MIIB…', clientKey: 'not a key' }),
      undefined,
      'add',
    );
    const keyOnly = buildConnection(form({ clientKey: KEY }), undefined, 'add');
    const certificateOnly = buildConnection(form({ clientCertificatePem: CERTIFICATE }), undefined, 'add');
    const editing = buildConnection(form({ clientCertificatePem: CERTIFICATE }), undefined, 'edit');

    expect(garbled.errors['settings.clientCertificatePem']).toMatch(/PEM certificate/);
    expect(garbled.errors['secrets.clientKey']).toMatch(/PEM private key/);
    expect(keyOnly.errors['settings.clientCertificatePem']).toMatch(/certificate this key belongs to/);
    expect(certificateOnly.errors['secrets.clientKey']).toMatch(/private key of this certificate/);
    // Editing: the stored key stays unless a new one is pasted.
    expect(editing.errors).toEqual({});
  });

  it('does not offer mutual TLS for a token pasted by hand', () => {
    const built = buildConnection(
      form({ dialect: 'manual', clientCertificatePem: CERTIFICATE, partnerToken: 'tok' }),
      undefined,
      'add',
    );
    expect(built.input.settings?.clientCertificatePem).toBeUndefined();
    expect(built.secrets.clientKey).toBeUndefined();
  });
});

describe("the partner form's network fields", () => {
  it("sends the partner's proxy bypass, CA certificates and timeout, and empty as the settings' own", () => {
    const state = {
      ...partnerFormState(),
      name: 'Bank',
      bypassProxy: true,
      extraCaPem: CERTIFICATE,
      timeoutSeconds: '45',
    };
    expect(checkPartnerForm(state)).toEqual({});
    expect(partnerInput(state).network).toEqual({
      bypassProxy: true,
      extraCaPem: CERTIFICATE,
      timeoutSeconds: 45,
    });
    expect(partnerInput({ ...partnerFormState(), name: 'Shop' }).network).toEqual({
      bypassProxy: false,
      extraCaPem: null,
      timeoutSeconds: null,
    });
  });

  it('gives field errors for a timeout out of range and a CA that is not PEM', () => {
    for (const timeoutSeconds of ['0', '301', '2.5', 'soon']) {
      expect(checkPartnerForm({ ...partnerFormState(), name: 'Bank', timeoutSeconds })).toEqual({
        'network.timeoutSeconds': expect.stringMatching(/1 to 300/),
      });
    }
    expect(checkPartnerForm({ ...partnerFormState(), name: 'Bank', extraCaPem: 'MIIB…' })).toEqual({
      'network.extraCaPem': expect.stringMatching(/PEM certificates/),
    });
  });

  it('leaves text that holds no PEM block as it is', () => {
    expect(pemWithLineBreaks('not a key')).toBe('not a key');
  });
});
