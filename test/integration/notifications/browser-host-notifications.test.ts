import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LaunchedHost } from '../../../main/web-host/launch';
import { connectionFor } from '../../support/connection-for';
import type { Simulator } from '../../simulator/simulator';
import { startSimulator } from '../../simulator/simulator';
import { launchBrowserHost } from '../../../main/web-host/launch';
import type { NotificationDaemon, NotifyCall } from '../../support/notification-daemon';
import { notificationDaemonUnavailable, startNotificationDaemon } from '../../support/notification-daemon';

const HOUR = 60 * 60_000;
/** Alerts this close together become one notification; short, so the test waits on real time only briefly. */
const GATHER_MS = 300;

const unavailable = notificationDaemonUnavailable();
if (unavailable) console.warn(`Desktop notification tests skipped: ${unavailable}`);

/** A name no other test's notification carries, so the session's other notifications are told apart. */
const PARTNER = `Wide World ${randomUUID().slice(0, 8)}`;
const KEYCHAIN_SERVICE = `TokenTray-test-${randomUUID()}`;
const tokens: string[] = [];

let daemon: NotificationDaemon;
let simulator: Simulator;
let profile: string;
let launched: LaunchedHost | null = null;

async function launch(): Promise<LaunchedHost> {
  launched = await launchBrowserHost({
    profileDir: profile,
    port: 0,
    keychainService: KEYCHAIN_SERVICE,
    rendererDir: profile,
    warn: () => undefined,
    notifications: { gatherMs: GATHER_MS },
  });
  return launched;
}

async function restart(): Promise<LaunchedHost> {
  await launched?.stop();
  return launch();
}

/** A pasted portal token that expires in 12 hours: its one-day reminder is due at once. */
async function addManualToken(host: LaunchedHost, label: string): Promise<void> {
  const partner =
    host.core.snapshot().partners.find((p) => p.name === PARTNER) ??
    host.core.admin.addPartner({ name: PARTNER, contactEmail: 'integrations@wideworld.example' });
  const token = `portal-${randomUUID()}`;
  tokens.push(token);
  await host.core.admin.addConnection(
    { partnerId: partner.id, label, dialect: 'manual', endpoint: '', settings: {} },
    { partnerToken: token, tokenExpiresAt: Date.now() + 12 * HOUR },
  );
}

const ours = (call: NotifyCall) => call.summary.includes(PARTNER) || call.body.includes(PARTNER);
const about = (label: string) => (call: NotifyCall) =>
  ours(call) && `${call.summary} ${call.body}`.includes(label);

/** Local HH:MM, as the quiet-hours setting takes it. */
function timeOfDay(epochMs: number): string {
  const date = new Date(epochMs);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

describe.skipIf(unavailable !== null)('desktop notifications from the browser host (dunst on D-Bus)', () => {
  beforeAll(async () => {
    daemon = await startNotificationDaemon();
    simulator = await startSimulator();
    profile = mkdtempSync(join(tmpdir(), 'tokentray-notify-'));
    await launch();
  }, 60_000);

  afterAll(async () => {
    if (launched) {
      for (const account of await launched.vault.listAccounts()) {
        const [connectionId] = account.split('/');
        if (connectionId) await launched.vault.deleteAll(connectionId);
      }
      await launched.stop();
    }
    await daemon?.stop();
    await simulator?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('tells a merchant once, in one summary, that two pasted tokens expire soon', async () => {
    const host = launched!;
    await addManualToken(host, 'Merchant portal');
    await addManualToken(host, 'Refunds portal');

    const [digest] = await daemon.waitFor(ours);
    expect(digest).toMatchObject({ appName: 'TokenTray', summary: '2 connections need your attention' });
    expect(digest!.body).toBe(
      `2 tokens expire soon: ${PARTNER} · Merchant portal, ${PARTNER} · Refunds portal.`,
    );
    expect(host.notices.pending).toBe(0);
  });

  it('does not tell it again after a restart, and tells a new milestone once', async () => {
    const host = await restart();
    await addManualToken(host, 'Payouts portal');

    const [single] = await daemon.waitFor(about('Payouts portal'));
    expect(single!.summary).toBe(`${PARTNER} · Payouts portal: token expires in 12 hours`);
    expect(single!.body).toMatch(/cannot renew itself/);
    // The restart's own reminders would have come before this one: none did.
    expect(daemon.calls().filter(ours)).toHaveLength(2);
  });

  it('keeps quiet during quiet hours, across a restart, and tells once when they end', async () => {
    let host = launched!;
    const now = Date.now();
    host.core.updateSettings({
      quietHours: { enabled: true, start: timeOfDay(now - HOUR), end: timeOfDay(now + 2 * HOUR) },
    });
    await host.core.saved();
    await addManualToken(host, 'Disputes portal');
    await expect.poll(() => host.notices.heldForQuietHours).toBe(true);

    // Held alerts are kept in the profile: a restart neither loses nor repeats them.
    host = await restart();
    await expect.poll(() => host.notices.heldForQuietHours).toBe(true);
    expect(daemon.calls().filter(about('Disputes portal'))).toHaveLength(0);

    host.core.updateSettings({ quietHours: { enabled: false, start: '22:00', end: '07:00' } });
    const [held] = await daemon.waitFor(about('Disputes portal'));
    expect(held!.summary).toBe(`${PARTNER} · Disputes portal: token expires in 12 hours`);
    await restart();
    await addManualToken(launched!, 'Chargebacks portal');
    await daemon.waitFor(about('Chargebacks portal'));
    expect(daemon.calls().filter(about('Disputes portal'))).toHaveLength(1);
  });

  it('tells once that a refused renewal needs action, not again when it is refused after a restart', async () => {
    let host = launched!;
    const partner = host.core.snapshot().partners.find((p) => p.name === PARTNER)!;
    const account = simulator.provision('oauth2');
    tokens.push(account.accessToken, account.refreshToken!, account.clientSecret!);
    // The partner has revoked the refresh token: every renewal is refused with invalid_grant.
    simulator.inject(account.key, { kind: 'invalidGrant' }, 1_000);
    const { input, secrets } = connectionFor(account, partner.id, { label: 'Orders API' });
    const connection = await host.core.admin.addConnection(input, secrets);
    await host.core.renewNow(connection.id);

    const [told] = await daemon.waitFor(about('Orders API'));
    expect(told!.summary).toBe(`${PARTNER} · Orders API needs action`);
    expect(told!.body).toBe('Its token could not be renewed. Open TokenTray for the steps to fix it.');

    host = await restart();
    await host.core.renewNow(connection.id);
    await addManualToken(host, 'Settlements portal');
    await daemon.waitFor(about('Settlements portal'));
    expect(daemon.calls().filter(about('Orders API'))).toHaveLength(1);
  });

  it('puts no token in any notification', () => {
    const sent = daemon.calls().flatMap((call) => call.strings);
    expect(sent.length).toBeGreaterThan(0);
    for (const token of tokens) expect(sent.some((text) => text.includes(token))).toBe(false);
  });
});
