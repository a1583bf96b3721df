import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { certificatesOf } from '../domain/pem-text';

let environmentCertificates: readonly string[] | undefined;

/**
 * What a TLS connection trusts with `extraCa` added: Node's own roots, the certificates
 * NODE_EXTRA_CA_CERTS names, and `extraCa`; undefined when nothing is added, so Node's default
 * applies. A `ca` option replaces Node's whole store, and `tls.rootCertificates` holds only
 * the bundled roots: without reading the variable's file here, a company CA a desktop already
 * trusts through it would stop being trusted as soon as one partner adds a CA of its own.
 */
export function trustedWith(extraCa: readonly string[]): string[] | undefined {
  if (extraCa.length === 0) return undefined;
  return [...rootCertificates, ...fromEnvironment(), ...extraCa];
}

/** Read once, as Node reads it at start-up; a file it cannot read adds nothing (Node only warns). */
function fromEnvironment(): readonly string[] {
  if (environmentCertificates === undefined) {
    const path = process.env.NODE_EXTRA_CA_CERTS;
    try {
      environmentCertificates = path ? certificatesOf(readFileSync(path, 'utf8')) : [];
    } catch {
      environmentCertificates = [];
    }
  }
  return environmentCertificates;
}
