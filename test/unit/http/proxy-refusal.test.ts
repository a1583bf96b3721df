import { describe, expect, it } from 'vitest';
import { isProxyAuthRefusal } from '../../../main/core/http/http-failures';
import type { RefusalHeaders } from '../../../main/core/http/http-failures';

/** What Debian's tinyproxy 1.11 puts on its own answers (a forwarded answer keeps the partner's headers). */
const TINYPROXY: RefusalHeaders = { server: 'tinyproxy/1.11.1' };

describe("a proxy's own refusal of TokenTray's credentials on a plain-http request", () => {
  it.each<[string, number, RefusalHeaders, boolean, boolean]>([
    [
      'a 407, with or without credentials sent',
      407,
      { 'proxy-authenticate': 'Basic realm="corp"' },
      false,
      true,
    ],
    ["tinyproxy's 401 to wrong credentials", 401, TINYPROXY, true, true],
    ['a 401 carrying the proxy challenge', 401, { 'proxy-authenticate': 'Basic realm="corp"' }, true, true],
  ])('is %s', (_name, status, headers, credentialsSent, expected) => {
    expect(isProxyAuthRefusal(status, headers, credentialsSent)).toBe(expected);
  });

  it.each<[string, number, RefusalHeaders, boolean]>([
    ["the partner's 401, passed through without a proxy's marks", 401, { server: 'nginx' }, true],
    [
      'a 401 naming tinyproxy when no credentials were sent (tinyproxy then answers 407)',
      401,
      TINYPROXY,
      false,
    ],
    ["a 403 in tinyproxy's name: a refusal by its rules, not of the credentials", 403, TINYPROXY, true],
  ])('is not %s', (_name, status, headers, credentialsSent) => {
    expect(isProxyAuthRefusal(status, headers, credentialsSent)).toBe(false);
  });
});
