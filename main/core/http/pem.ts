import { createPrivateKey, X509Certificate } from 'node:crypto';
import { certificatesOf } from '../domain/pem-text';

/** Field path → message for each PEM value that does not parse; empty when all do. */
export function pemProblems(
  fields: Record<string, { certificates?: string | null; privateKey?: string | null }>,
): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (value.certificates && !certificatesParse(value.certificates)) {
      problems[field] =
        'A certificate in this PEM does not parse; paste it again as the partner or your IT sent it.';
    }
    if (value.privateKey && !privateKeyParses(value.privateKey)) {
      problems[field] =
        'This private key does not parse: paste an unencrypted PEM key (-----BEGIN PRIVATE KEY----- …).';
    }
  }
  return problems;
}

function certificatesParse(bundle: string): boolean {
  try {
    for (const block of certificatesOf(bundle)) new X509Certificate(block);
    return true;
  } catch {
    return false;
  }
}

function privateKeyParses(pem: string): boolean {
  try {
    createPrivateKey(pem);
    return true;
  } catch {
    return false;
  }
}
