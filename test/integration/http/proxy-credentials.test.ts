import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionId } from '../../../main/core/domain';
import { openBackup } from '../../../main/core/services/backup-file';
import { PROFILE_SECRETS } from '../../../main/core/vault/secret-vault';
import { useCompanyProxy } from '../../support/company-proxy';
import type { CoreHarness } from '../../support/core-harness';
import { startForwardProxy } from '../../support/forward-proxy';
import type { ForwardProxy } from '../../support/forward-proxy';
import { secretsOnDisk } from '../../support/secrets-on-disk';
import type { TestCertificates } from '../../support/test-certificates';
import type { TlsFront } from '../../support/tls-front';
import { connectOverTls, startCoreWithTlsPartner } from '../../support/tls-partner';

const PROXY_USER = 'desk42';
const PROXY_PASSWORD = 'sealed-proxy-password-c41e';
const PASSPHRASE = 'moving day: correct horse battery';

let certs: TestCertificates;
let harness: CoreHarness;
let partner: TlsFront;
let proxy: ForwardProxy;

beforeAll(async () => {
  ({ certs, harness, partner } = await startCoreWithTlsPartner());
  proxy = await startForwardProxy({ user: PROXY_USER, password: PROXY_PASSWORD });
}, 60_000);

afterAll(async () => {
  await harness.close();
  await partner.close();
  await proxy.close();
});

/** Every file under the profile folder, as text. */
function everyFile(directory: string): string {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .map((name) => join(directory, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => readFileSync(path, 'utf8'))
    .join('\n');
}

/** The password as it is, and in the encodings a careless writer would put it in. */
const FORMS = [
  PROXY_PASSWORD,
  Buffer.from(PROXY_PASSWORD).toString('base64'),
  Buffer.from(PROXY_PASSWORD).toString('base64url'),
  Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString('base64'),
];

describe('the proxy password', () => {
  it('is sealed in the profile with the keychain key, in no file, export, backup, snapshot or history, and still reaches the proxy after a restart', async () => {
    await useCompanyProxy(
      harness,
      { url: proxy.url, user: PROXY_USER, password: PROXY_PASSWORD },
      { extraCaPem: certs.caCert },
    );
    const { connection } = await connectOverTls(harness, 'oauth2', partner);
    expect(await harness.core.renewNow(connection.id)).toMatchObject({ kind: 'renewed' });
    await harness.core.idle();

    const sealed = secretsOnDisk(harness.directory, harness.keychain);
    expect(await sealed.get(PROFILE_SECRETS as ConnectionId, 'proxyPassword')).toBe(PROXY_PASSWORD);
    const backup = await harness.core.importExport.exportBackup(PASSPHRASE);
    const written = [
      everyFile(harness.directory),
      harness.core.importExport.exportFile().contents,
      backup.contents,
      await openBackup(backup.contents, PASSPHRASE),
      JSON.stringify(harness.core.snapshot()),
      JSON.stringify(harness.core.getSettings()),
      JSON.stringify(harness.core.history({})),
    ];
    for (const form of FORMS) expect(written.filter((text) => text.includes(form))).toEqual([]);

    await harness.restart();
    proxy.log.length = 0;
    const after = await connectOverTls(harness, 'partner-header', partner);
    expect(await harness.core.renewNow(after.connection.id)).toMatchObject({ kind: 'renewed' });
    expect(proxy.log).toEqual([`CONNECT ${new URL(partner.origin).host}`]);
  });
});
