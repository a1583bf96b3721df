import { HttpFailure } from './http-client';
import type { HttpFailureKind } from './http-client';

const UNTRUSTED =
  "is not trusted: add the certificate of the authority that issued it (your company's CA, for a proxy that inspects TLS) in Settings → Network, or on the partner";

/** Node's and OpenSSL's error codes as short phrases: the message never carries the URL's query or a header value. */
const PHRASES: Record<string, [HttpFailureKind, string]> = {
  ECONNREFUSED: ['network', 'the connection was refused'],
  ECONNRESET: ['network', 'the connection was reset'],
  EPIPE: ['network', 'the connection was closed unexpectedly'],
  ENOTFOUND: ['network', 'the host name could not be found'],
  EAI_AGAIN: ['network', 'the host name could not be looked up'],
  ETIMEDOUT: ['network', 'the connection timed out'],
  EHOSTUNREACH: ['network', 'the host could not be reached'],
  ENETUNREACH: ['network', 'the network could not be reached'],
  CERT_HAS_EXPIRED: ['tls_untrusted', "the server's certificate has expired"],
  DEPTH_ZERO_SELF_SIGNED_CERT: ['tls_untrusted', `the server's certificate ${UNTRUSTED}`],
  SELF_SIGNED_CERT_IN_CHAIN: ['tls_untrusted', `the server's certificate ${UNTRUSTED}`],
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: ['tls_untrusted', `the server's certificate ${UNTRUSTED}`],
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: ['tls_untrusted', `the server's certificate ${UNTRUSTED}`],
  ERR_TLS_CERT_ALTNAME_INVALID: ['tls_untrusted', "the server's certificate is for another host"],
  // Refused on this side before anything is sent: the key does not belong to the certificate.
  ERR_OSSL_X509_KEY_VALUES_MISMATCH: [
    'tls_handshake',
    "the connection's client certificate and private key do not belong together",
  ],
};

/** TLS alerts a server sends when it wants a client certificate or refuses the one it got. */
const HANDSHAKE_REFUSED =
  /ALERT_(CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA|HANDSHAKE_FAILURE|ACCESS_DENIED|DECRYPT_ERROR|CERTIFICATE_UNKNOWN)/;

/** A request that got no usable answer, as a failure whose message names only the host and what went wrong. */
export function failureOf(error: unknown, host: string): HttpFailure {
  const code = codeOf(error);
  if (code && PHRASES[code]) {
    const [kind, phrase] = PHRASES[code];
    return new HttpFailure(kind, `${host}: ${phrase}`);
  }
  if (code && HANDSHAKE_REFUSED.test(code)) {
    return new HttpFailure(
      'tls_handshake',
      `${host} refused the TLS handshake (${code}): check the connection's client certificate and key`,
    );
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER')
    return new HttpFailure('network', `${host}: this address does not speak TLS`);
  if (code && /^[A-Z0-9_]{2,60}$/.test(code))
    return new HttpFailure('network', `${host}: the request failed (${code})`);
  return new HttpFailure('network', `${host}: the request failed`);
}

/** The error's own code, or its cause's: axios wraps Node's socket and TLS errors. */
function codeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'ERR_BAD_RESPONSE' && code !== 'ERR_NETWORK') return code;
    current = current.cause;
  }
  return undefined;
}
