/**
 * application/x-www-form-urlencoded (RFC 6749 Appendix B) as URLSearchParams writes it: spaces
 * become `+` and everything but letters, digits and `*-._` becomes `%HH` of its UTF-8 bytes.
 * Leaving those four alone keeps ids like `msp-001` readable by servers that never form-decode
 * Basic credentials, while servers that do decode get the same value either way.
 */
export function formUrlEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()~]/g, (symbol) => `%${symbol.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** RFC 6749 §2.3.1: the client id and secret are form-encoded before they are joined and Base64-encoded. */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  const credentials = `${formUrlEncode(clientId)}:${formUrlEncode(clientSecret)}`;
  return `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
}
