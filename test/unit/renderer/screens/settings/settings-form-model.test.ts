import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../../../main/core/domain/settings';
import {
  buildSettingsPatch,
  settingsFormState,
} from '../../../../../renderer/screens/settings/settings-form-model';

describe('the settings form', () => {
  it('saves what it shows unchanged when nothing was edited', () => {
    const { patch, errors } = buildSettingsPatch(settingsFormState(DEFAULT_SETTINGS), DEFAULT_SETTINGS);
    expect(errors).toEqual({});
    expect(patch.renewalPolicy).toEqual(DEFAULT_SETTINGS.renewalPolicy);
    expect(patch.quietHours).toEqual(DEFAULT_SETTINGS.quietHours);
    expect(patch.clipboardClearSeconds).toBe(30);
  });

  it('uses one reminder list for notifications and for new connections', () => {
    const state = { ...settingsFormState(DEFAULT_SETTINGS), reminderDays: '60, 10' };
    const { patch } = buildSettingsPatch(state, DEFAULT_SETTINGS);
    expect(patch.reminderDays).toEqual([60, 10]);
    expect(patch.renewalPolicy?.reminderDays).toEqual([60, 10]);
  });

  it('names each field that is out of range, keyed as the host keys them', () => {
    const state = {
      ...settingsFormState(DEFAULT_SETTINGS),
      quietStart: '25:00',
      clipboardClearSeconds: '2',
      concurrencyGlobal: '0',
      renewAtPercent: '100',
    };
    const { errors } = buildSettingsPatch(state, DEFAULT_SETTINGS);
    expect(Object.keys(errors).sort()).toEqual([
      'clipboardClearSeconds',
      'concurrency.global',
      'quietHours.start',
      'renewalPolicy.renewAtShare',
    ]);
  });

  it('sets the unknown-lifetime interval new connections start with, in minutes', () => {
    expect(settingsFormState(DEFAULT_SETTINGS).unknownLifetimeMinutes).toBe('60');
    const state = { ...settingsFormState(DEFAULT_SETTINGS), unknownLifetimeMinutes: '240' };
    const { patch, errors } = buildSettingsPatch(state, DEFAULT_SETTINGS);
    expect(errors).toEqual({});
    expect(patch.renewalPolicy?.unknownLifetimeIntervalMs).toBe(4 * 60 * 60_000);
  });

  it('refuses an unknown-lifetime interval under a minute, keyed as the host keys it', () => {
    const state = { ...settingsFormState(DEFAULT_SETTINGS), unknownLifetimeMinutes: '0' };
    const { errors } = buildSettingsPatch(state, DEFAULT_SETTINGS);
    expect(errors).toEqual({
      'renewalPolicy.unknownLifetimeIntervalMs': 'Minutes, from 1 up to a year (525600)',
    });
  });

  it('saves the network settings, refusing a proxy without a scheme or with credentials in it', () => {
    const state = {
      ...settingsFormState(DEFAULT_SETTINGS),
      proxyUrl: ' http://proxy.example.com:3128 ',
      proxyUsername: 'me',
      proxyLoopback: true,
      timeoutSeconds: '45',
    };
    expect(buildSettingsPatch(state, DEFAULT_SETTINGS).patch.network).toEqual({
      proxyUrl: 'http://proxy.example.com:3128',
      proxyUsername: 'me',
      proxyLoopback: true,
      extraCaPem: null,
      timeoutSeconds: 45,
    });
    for (const proxyUrl of ['proxy.example.com:3128', 'http://me:pw@proxy.example.com', 'socks://proxy']) {
      const { errors } = buildSettingsPatch({ ...state, proxyUrl }, DEFAULT_SETTINGS);
      expect(Object.keys(errors), proxyUrl).toEqual(['network.proxyUrl']);
    }
    expect(
      Object.keys(buildSettingsPatch({ ...state, timeoutSeconds: '0' }, DEFAULT_SETTINGS).errors),
    ).toEqual(['network.timeoutSeconds']);
  });
});
