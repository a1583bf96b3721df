/**
 * This computer's own names (localhost, 127.0.0.0/8, ::1): where plain http is allowed and
 * the proxy is bypassed by default. The URL parser has already normalised IPv4 forms such as
 * `127.1` or `0x7f.0.0.1` to dotted decimal.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
