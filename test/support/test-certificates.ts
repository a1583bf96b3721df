import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificates {
  /** A certificate authority of the test's own, as a company's TLS-inspecting proxy has. */
  caCert: string;
  /** A server certificate for localhost and 127.0.0.1, issued by that CA. */
  serverCert: string;
  serverKey: string;
  /** A client certificate for mutual TLS, issued by a second CA the server trusts. */
  clientCaCert: string;
  clientCert: string;
  clientKey: string;
  /** A key that belongs to no certificate here. */
  strayKey: string;
}

/**
 * Made with Debian's openssl, fresh for each test file: nothing is checked in. With
 * `serverValidFromTomorrow` the server certificate is signed under faketime a day ahead, so
 * it is not valid yet (as on a computer whose clock is behind).
 */
export function makeTestCertificates(options: { serverValidFromTomorrow?: boolean } = {}): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'tokentray-certs-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const opensslTomorrow = (...args: string[]) =>
    execFileSync('faketime', ['-f', '+1d', 'openssl', ...args], { cwd: dir, stdio: 'pipe' });
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  try {
    const authority = (name: string) =>
      openssl(
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-days',
        '2',
        '-subj',
        `/CN=TokenTray test ${name}`,
        '-keyout',
        `${name}.key`,
        '-out',
        `${name}.crt`,
      );
    const issue = (name: string, ca: string, extensions: string, sign = openssl) => {
      openssl(
        'req',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-subj',
        `/CN=${name}`,
        '-keyout',
        `${name}.key`,
        '-out',
        `${name}.csr`,
      );
      writeFileSync(join(dir, `${name}.ext`), extensions);
      sign(
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        `${ca}.crt`,
        '-CAkey',
        `${ca}.key`,
        '-CAcreateserial',
        '-days',
        '2',
        '-extfile',
        `${name}.ext`,
        '-out',
        `${name}.crt`,
      );
    };
    authority('ca');
    authority('client-ca');
    issue(
      'localhost',
      'ca',
      'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n',
      options.serverValidFromTomorrow ? opensslTomorrow : openssl,
    );
    issue('client', 'client-ca', 'extendedKeyUsage=clientAuth\n');
    openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'stray.key');
    return {
      caCert: read('ca.crt'),
      serverCert: read('localhost.crt'),
      serverKey: read('localhost.key'),
      clientCaCert: read('client-ca.crt'),
      clientCert: read('client.crt'),
      clientKey: read('client.key'),
      strayKey: read('stray.key'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
