import { z } from 'zod';

/**
 * PEM is checked for its shape here, where the preload bundle may import the schema;
 * the main process parses each certificate and key before it is stored (http/pem.ts).
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

/** One or more PEM certificates (a company CA, a partner's chain). */
export const PemCertificatesSchema = z
  .string()
  .trim()
  .max(256 * 1024, 'The certificates are too long (256 KiB at most)')
  .refine(
    (bundle) => certificatesOf(bundle).length > 0,
    'Paste PEM certificates (-----BEGIN CERTIFICATE----- …)',
  );

/** A proxy URL with its scheme and without credentials (the password is a secret, stored apart). */
export const ProxyUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'Give the proxy as a URL with its scheme, such as http://proxy.example.com:3128')
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.username === '' && url.password === '';
    } catch {
      return true;
    }
  }, 'Leave the user name and password out of the URL: enter them in their own fields');

/** The network settings of a profile: how partner traffic leaves a company desktop. */
export const NetworkSettingsSchema = z.object({
  /** Overrides HTTPS_PROXY / HTTP_PROXY / NO_PROXY when set. */
  proxyUrl: ProxyUrlSchema.nullable().default(null),
  /** The proxy's user name; its password is a secret in the vault. */
  proxyUsername: z.string().trim().max(256).nullable().default(null),
  /** Send requests to this computer (localhost, 127.0.0.0/8, ::1) through the proxy too. */
  proxyLoopback: z.boolean().default(false),
  /** PEM certificates trusted on top of Node's roots for every partner. */
  extraCaPem: PemCertificatesSchema.nullable().default(null),
  /** The deadline of a partner request, headers and body, unless the partner sets its own. */
  timeoutSeconds: z.number().int().min(1).max(300).default(30),
});
export type NetworkSettings = z.infer<typeof NetworkSettingsSchema>;

/** A partner's own network needs, each overriding the profile's. */
export const PartnerNetworkSchema = z.object({
  /** Reach this partner directly even when a proxy is set. */
  bypassProxy: z.boolean().default(false),
  /** PEM certificates trusted for this partner only. */
  extraCaPem: PemCertificatesSchema.nullable().default(null),
  timeoutSeconds: z.number().int().min(1).max(300).nullable().default(null),
});
export type PartnerNetwork = z.infer<typeof PartnerNetworkSchema>;
