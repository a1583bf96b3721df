import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NetworkSettingsSchema, PartnerNetworkSchema } from '../../../main/core/domain/network';
import type { NetworkSettings, PartnerNetwork } from '../../../main/core/domain/network';
import { routeFor } from '../../../main/core/http/network-route';

/** Every name proxy-from-env reads, in both cases: each test starts from none of them. */
const PROXY_VARIABLES = ['http_proxy', 'https_proxy', 'all_proxy', 'no_proxy'].flatMap((name) => [
  name,
  name.toUpperCase(),
]);
const saved = new Map<string, string | undefined>();

beforeEach(() => {
  for (const name of PROXY_VARIABLES) {
    saved.set(name, process.env[name]);
    delete process.env[name];
  }
});

afterEach(() => {
  for (const [name, value] of saved) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

function proxyOf(
  url: string,
  network: Partial<NetworkSettings> = {},
  partner: Partial<PartnerNetwork> | undefined = undefined,
  proxyPassword: string | null = null,
): string | null {
  return routeFor(url, {
    network: NetworkSettingsSchema.parse(network),
    partner: partner && PartnerNetworkSchema.parse(partner),
    proxyPassword,
  }).proxyUrl;
}

describe('the proxy a partner request goes through', () => {
  it('reads https_proxy and HTTPS_PROXY, lower case first, for https addresses', () => {
    process.env.HTTPS_PROXY = 'http://upper.corp:3128';
    expect(proxyOf('https://api.partner.example/token')).toBe('http://upper.corp:3128');
    process.env.https_proxy = 'http://lower.corp:3128';
    expect(proxyOf('https://api.partner.example/token')).toBe('http://lower.corp:3128');
  });

  it('reads http_proxy and HTTP_PROXY for plain http addresses only', () => {
    process.env.http_proxy = 'http://plain.corp:8080';
    expect(proxyOf('http://api.partner.example/token')).toBe('http://plain.corp:8080');
    expect(proxyOf('https://api.partner.example/token')).toBeNull();
    delete process.env.http_proxy;
    process.env.HTTP_PROXY = 'http://plain-upper.corp:8080';
    expect(proxyOf('http://api.partner.example/token')).toBe('http://plain-upper.corp:8080');
  });

  it('takes a proxy variable without a scheme as an http proxy, as curl does', () => {
    process.env.HTTPS_PROXY = 'proxy.corp:3128';
    expect(proxyOf('https://api.partner.example/token')).toBe('http://proxy.corp:3128');
  });

  it.each([
    ['the host itself', 'api.partner.example', 'https://api.partner.example/token', null],
    ['another host', 'api.partner.example', 'https://other.example/token', 'http://proxy.corp:3128'],
    ['a host with the right port', 'api.partner.example:8443', 'https://api.partner.example:8443/t', null],
    [
      'a host with another port',
      'api.partner.example:8443',
      'https://api.partner.example/token',
      'http://proxy.corp:3128',
    ],
    ['a leading dot, for a host under it', '.partner.example', 'https://api.partner.example/token', null],
    ['a leading *., for a host under it', '*.partner.example', 'https://api.partner.example/token', null],
    ['one entry of a list', 'intranet.corp, .partner.example', 'https://api.partner.example/t', null],
    ['*, for every host', '*', 'https://api.partner.example/token', null],
  ])('NO_PROXY with %s', (_name, noProxy, url, expected) => {
    process.env.HTTPS_PROXY = 'http://proxy.corp:3128';
    process.env.NO_PROXY = noProxy;
    expect(proxyOf(url)).toBe(expected);
    delete process.env.NO_PROXY;
    process.env.no_proxy = noProxy;
    expect(proxyOf(url), 'no_proxy in lower case').toBe(expected);
  });

  it('takes the proxy in settings over the environment, NO_PROXY included', () => {
    process.env.HTTPS_PROXY = 'http://from-environment.corp:3128';
    process.env.NO_PROXY = '.partner.example';
    expect(proxyOf('https://api.partner.example/token', { proxyUrl: 'http://settings.corp:8080' })).toBe(
      'http://settings.corp:8080',
    );
  });

  it('adds the proxy user name and sealed password to the settings proxy, encoded', () => {
    const proxy = proxyOf(
      'https://api.partner.example/token',
      { proxyUrl: 'http://settings.corp:8080', proxyUsername: 'CORP\\desk 42' },
      undefined,
      'p@ss:w/rd%',
    );
    const url = new URL(proxy!);
    expect(decodeURIComponent(url.username)).toBe('CORP\\desk 42');
    expect(decodeURIComponent(url.password)).toBe('p@ss:w/rd%');
    expect(url.host).toBe('settings.corp:8080');
  });

  it('sends no credentials to the settings proxy when no password is stored, though a user name is set', () => {
    const proxy = proxyOf(
      'https://api.partner.example/token',
      { proxyUrl: 'http://settings.corp:8080', proxyUsername: 'desk42' },
      undefined,
      null,
    );
    expect(proxy).toBe('http://settings.corp:8080');
  });

  it('sends a partner that bypasses the proxy direct, whether the proxy comes from settings or the environment', () => {
    process.env.HTTPS_PROXY = 'http://from-environment.corp:3128';
    expect(proxyOf('https://api.partner.example/token', {}, { bypassProxy: true })).toBeNull();
    expect(
      proxyOf(
        'https://api.partner.example/token',
        { proxyUrl: 'http://settings.corp:8080' },
        { bypassProxy: true },
      ),
    ).toBeNull();
    expect(proxyOf('https://api.partner.example/token', {}, { bypassProxy: false })).toBe(
      'http://from-environment.corp:3128',
    );
  });

  it.each([
    'https://localhost:8443/token',
    'https://127.0.0.1/token',
    'https://127.1.2.3/t',
    'https://[::1]/t',
  ])('sends %s direct unless the settings send loopback through the proxy too', (url) => {
    process.env.HTTPS_PROXY = 'http://from-environment.corp:3128';
    expect(proxyOf(url)).toBeNull();
    expect(proxyOf(url, { proxyUrl: 'http://settings.corp:8080' })).toBeNull();
    expect(proxyOf(url, { proxyLoopback: true })).toBe('http://from-environment.corp:3128');
    expect(proxyOf(url, { proxyUrl: 'http://settings.corp:8080', proxyLoopback: true })).toBe(
      'http://settings.corp:8080',
    );
  });
});
