export type EndpointCheck = { ok: true; url: URL } | { ok: false; message: string };

/**
 * Secrets travel only over HTTPS; plain HTTP is allowed for loopback alone, where a local
 * simulator or a development server runs.
 */
export function checkEndpointUrl(url: string): EndpointCheck {
  const text = url.trim();
  if (text === '') return { ok: false, message: 'Enter the endpoint address, starting with https://.' };
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return {
      ok: false,
      message: 'The endpoint is not a valid web address. It should look like https://api.example.com.',
    };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return { ok: false, message: 'The endpoint must be an https:// address.' };
  }
  // Credentials in the address would end up in logs and history.
  if (parsed.username !== '' || parsed.password !== '') {
    return {
      ok: false,
      message: 'The endpoint must not contain a user name or password; enter secrets in their own fields.',
    };
  }
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
    return {
      ok: false,
      message: 'The endpoint must use https://. Plain http:// is allowed only for this computer (localhost).',
    };
  }
  return { ok: true, url: parsed };
}

/** The URL parser has already normalised IPv4 forms such as `127.1` or `0x7f.0.0.1` to dotted decimal. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
