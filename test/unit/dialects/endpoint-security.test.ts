import { describe, expect, it } from 'vitest';
import { checkEndpointUrl } from '../../../main/core/dialects/endpoint-security';

describe('checkEndpointUrl', () => {
  it.each([
    'https://api.partner.example/oauth/token',
    'http://127.0.0.1:8080/token',
    'http://127.9.8.7/token',
    'http://127.1/token',
    'http://localhost:3000',
    'http://[::1]:3000/token',
  ])('accepts %s', (url) => {
    const check = checkEndpointUrl(url);
    expect(check.ok).toBe(true);
    expect(check.ok && check.url.href.startsWith('http')).toBe(true);
  });

  it.each([
    ['plain http to another host', 'http://api.partner.example/token', /must use https/],
    ['plain http to a private address', 'http://192.168.1.10/token', /must use https/],
    ['a look-alike of localhost', 'http://localhost.evil.example/token', /must use https/],
    ['a look-alike of 127.0.0.1', 'http://127.0.0.1.evil.example/token', /must use https/],
    ['credentials in the address', 'https://user:pass@api.partner.example/token', /user name or password/],
    ['another scheme', 'ftp://api.partner.example/token', /https:\/\//],
    ['a javascript: address', 'javascript:alert(1)', /https:\/\//],
    ['text that is no address', 'api partner', /not a valid web address/],
    ['nothing', '  ', /Enter the endpoint/],
  ])('rejects %s with a sentence for the form', (_name, url, message) => {
    const check = checkEndpointUrl(url);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.message).toMatch(message);
  });

  it('never repeats a password from the address in its message', () => {
    const check = checkEndpointUrl('https://user:s3cr3t-pa55@api.partner.example/');
    expect(!check.ok && check.message).not.toContain('s3cr3t-pa55');
  });
});
