import { isLoopbackHost } from '../domain/loopback-host';

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
