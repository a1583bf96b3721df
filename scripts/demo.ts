/**
 * `npm run demo`: the partner simulator and the browser host on a fresh demo profile,
 * with a partner for every preset and lifetimes of minutes, so a newcomer sees
 * countdowns run, renewals happen, a manual token near expiry and a connection that
 * needs action; and a real OAuth authorization server (oidc-provider) to sign in to, and
 * whose client credentials renew on their own.
 *   npx tsx scripts/demo.ts [--port N] [--profile EMPTY_DIR] [--no-open]
 * Secrets go to the keychain under the service "TokenTray-demo", never TokenTray's own,
 * and are deleted on exit (Ctrl+C).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { TokenTrayCore } from '../main/core/app';
import type { RenewalPolicy } from '../main/core/domain';
import { storeFilePath } from '../main/core/store/conf-store';
import { KeytarVault } from '../main/core/vault/keytar-vault';
import { launchBrowserHost } from '../main/web-host/launch';
import { openInBrowser } from '../main/web-host/open-browser';
import { startupFailure, stopOnSignals } from '../main/web-host/process-lifecycle';
import { connectionFor } from '../test/support/connection-for';
import type { ProvisionOptions, SimDialect, Simulator } from '../test/simulator/simulator';
import { startSimulator } from '../test/simulator/simulator';
import {
  MACHINE_CLIENT,
  SIGN_IN_CLIENT,
  startOidcServer,
  type OidcServer,
} from '../test/support/oidc-server';

const DEMO_KEYCHAIN_SERVICE = 'TokenTray-demo';
const WITH_KEYCHAIN = fileURLToPath(new URL('./with-keychain.sh', import.meta.url));

/**
 * On a machine without a Secret Service (a server, a container), the demo would
 * have nowhere to keep its secrets. Rather than show an empty window, it runs
 * itself again inside a throwaway GNOME Keyring session, where tools allow.
 */
async function runInsideThrowawayKeychainIfNoneIsRunning(): Promise<void> {
  if (
    process.env.TOKENTRAY_IN_KEYCHAIN_SESSION ||
    (await new KeytarVault({ service: DEMO_KEYCHAIN_SERVICE }).probe())
  ) {
    return;
  }
  const tools = spawnSync('sh', ['-c', 'command -v dbus-run-session && command -v gnome-keyring-daemon']);
  if (tools.status !== 0) return;
  console.error('No keychain is running here; the demo starts a throwaway GNOME Keyring session of its own.');
  const child = spawn(
    'bash',
    [WITH_KEYCHAIN, process.execPath, '--import', 'tsx', ...process.argv.slice(1)],
    {
      stdio: 'inherit',
    },
  );
  process.on('SIGINT', () => child.kill('SIGINT'));
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code) => process.exit(code ?? 1));
  await new Promise(() => {});
}
const MINUTE_SEC = 60;
const DAY_SEC = 24 * 60 * MINUTE_SEC;
/** Renew at two thirds of a few minutes, or 30 s before expiry: renewals happen while you watch. */
const DEMO_POLICY: RenewalPolicy = {
  renewAtShare: 2 / 3,
  leadTimeMs: 30_000,
  jitterMs: 5_000,
  reminderDays: [30, 14, 7, 3, 1],
  unknownLifetimeIntervalMs: 2 * 60_000,
};

interface DemoConnection {
  partner: string;
  label: string;
  dialect: SimDialect;
  provision: ProvisionOptions;
  /** The partner refuses every renewal, so the connection ends up needing action. */
  refused?: boolean;
}

const DEMO_CONNECTIONS: DemoConnection[] = [
  {
    partner: 'Northwind Payments',
    label: 'Payments API',
    dialect: 'oauth2',
    provision: { accessLifetimeSec: 3 * MINUTE_SEC },
  },
  {
    partner: 'Tailspin Travel',
    label: 'Bookings API',
    dialect: 'bearer-rotation',
    provision: { accessLifetimeSec: 4 * MINUTE_SEC },
  },
  {
    partner: 'Fabrikam Logistics',
    label: 'Shipments API',
    dialect: 'partner-header',
    provision: { accessLifetimeSec: 5 * MINUTE_SEC },
  },
  {
    partner: 'Contoso Ledger',
    label: 'Invoices API',
    dialect: 'oauth-tokens-envelope',
    provision: { accessLifetimeSec: 6 * MINUTE_SEC },
  },
  {
    partner: 'Wide World Importers',
    label: 'Merchant portal token',
    dialect: 'manual',
    provision: { accessLifetimeSec: 2 * DAY_SEC },
  },
  {
    partner: 'Adventure Works',
    label: 'Orders API',
    dialect: 'oauth2',
    provision: { accessLifetimeSec: 90 },
    refused: true,
  },
];

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    profile: { type: 'string' },
    'no-open': { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
if (!/^\d+$/.test(values.port) || port > 65_535) {
  console.error('--port must be a port number from 0 to 65535 (0 picks a free one).');
  process.exit(2);
}
const profileDir = values.profile
  ? resolve(values.profile)
  : await mkdtemp(join(tmpdir(), 'tokentray-demo-'));
if (values.profile && existsSync(storeFilePath({ directory: profileDir }))) {
  // The demo's partners live only as long as its simulator: it never mixes them into a real profile.
  console.error(`The demo needs an empty profile directory; ${profileDir} already holds TokenTray data.`);
  process.exit(1);
}

await runInsideThrowawayKeychainIfNoneIsRunning();

const simulator = await startSimulator();
const oidc = await startOidcServer({ accessTokenTtl: 3 * MINUTE_SEC });
let launched;
try {
  launched = await launchBrowserHost({
    profileDir,
    port,
    keychainService: DEMO_KEYCHAIN_SERVICE,
    warn: (line) => console.error(line),
  });
} catch (error) {
  console.error(startupFailure(error, port));
  await simulator.close();
  await oidc.close();
  process.exit(1);
}
const { core, vault, host } = launched;

async function addDemoConnections(core: TokenTrayCore, simulator: Simulator): Promise<void> {
  for (const demo of DEMO_CONNECTIONS) {
    const provisioned = simulator.provision(demo.dialect, demo.provision);
    const slug = demo.partner.toLowerCase().replace(/[^a-z]+/g, '-');
    const partner = core.admin.addPartner({
      name: demo.partner,
      contactEmail: `integrations@${slug}.example`,
      notes: `Demo partner (${demo.dialect}) served by the partner simulator at ${simulator.url}`,
    });
    const { input, secrets } = connectionFor(provisioned, partner.id, {
      label: demo.label,
      policy: DEMO_POLICY,
    });
    // The partner has revoked this refresh token: every renewal is refused with invalid_grant.
    if (demo.refused) simulator.inject(provisioned.key, { kind: 'invalidGrant' }, 1_000_000);
    await core.admin.addConnection(input, secrets);
  }
}

/** Two connections to a real authorization server: one to sign in to, one on client credentials. */
async function addOAuthDemoConnections(core: TokenTrayCore, oidc: OidcServer): Promise<void> {
  const found = await core.discoverIssuer(oidc.issuer);
  const partner = core.admin.addPartner({
    name: 'Litware Identity',
    contactEmail: 'integrations@litware.example',
    notes: `Demo OAuth 2.0 / OpenID Connect server (any login name signs in) at ${oidc.issuer}`,
  });
  const oauth = {
    partnerId: partner.id,
    dialect: 'oauth2' as const,
    endpoint: found.tokenEndpoint,
    revocationUrl: found.revocationEndpoint,
    policy: DEMO_POLICY,
  };
  await core.admin.addConnection(
    {
      ...oauth,
      label: 'Litware account (sign in)',
      settings: {
        clientId: SIGN_IN_CLIENT.clientId,
        grant: 'authorization_code',
        issuer: found.issuer,
        authorizationUrl: found.authorizationEndpoint,
        scope: 'openid email',
        authMethod: found.authMethod,
        bodyShape: 'flat',
      },
    },
    { clientSecret: SIGN_IN_CLIENT.clientSecret },
  );
  await core.admin.addConnection(
    {
      ...oauth,
      label: 'Litware reports (client credentials)',
      settings: {
        clientId: MACHINE_CLIENT.clientId,
        grant: 'client_credentials',
        issuer: found.issuer,
        scope: 'orders:read',
        authMethod: found.authMethod,
        bodyShape: 'flat',
      },
    },
    { clientSecret: MACHINE_CLIENT.clientSecret },
  );
}

if (core.isKeychainAvailable()) {
  await addDemoConnections(core, simulator);
  await addOAuthDemoConnections(core, oidc);
}
// Each path and URL ends its line, so a double-click or a terminal's link copies it without punctuation.
console.error(`Demo profile: ${profileDir}`);
console.error(`Partner simulator: ${simulator.url}`);
console.error(`OAuth server: ${oidc.issuer}`);
console.error('Ctrl+C stops the demo and deletes its secrets.');
console.error(
  'To sign in: select "Litware account (sign in)" and choose Sign in; any login name works there.',
);
console.log(`TokenTray is running at ${host.url}`);
if (!values['no-open']) openInBrowser(host.url);

stopOnSignals(async () => {
  const connectionIds = core.snapshot().partners.flatMap((p) => p.connections.map((c) => c.id));
  await launched.stop();
  for (const id of connectionIds) await vault.deleteAll(id).catch(() => {});
  await simulator.close();
  await oidc.close();
  if (!values.profile) await rm(profileDir, { recursive: true, force: true });
});
