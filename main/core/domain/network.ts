import { z } from 'zod';
import { certificatesOf } from './pem-text';

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
