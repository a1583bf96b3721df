/**
 * PEM as text, in plain functions: the window checks a paste with the very rules the core
 * uses. Only the shape is checked here; the main process parses each certificate and key
 * before it is stored (http/pem.ts).
 */
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----/g;

/** The certificate blocks of a PEM bundle. */
export function certificatesOf(bundle: string): string[] {
  return bundle.match(PEM_BLOCK) ?? [];
}

const PEM_ANY = /-----BEGIN ([A-Z0-9 ]+)-----\s*([A-Za-z0-9+/=\s]+?)\s*-----END \1-----/g;

/**
 * PEM blocks with their line breaks back: a password field drops them, and OpenSSL reads
 * no PEM without them (RFC 7468 §2: the header, base64 lines of 64, the footer).
 */
export function pemWithLineBreaks(text: string): string {
  const blocks = [...text.matchAll(PEM_ANY)].map(([, label, body]) => {
    const lines = body!.replace(/\s+/g, '').match(/.{1,64}/g) ?? [];
    return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
  });
  return blocks.length > 0 ? blocks.join('') : text;
}
