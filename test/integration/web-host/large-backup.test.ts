import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_MAX_CHARS } from '../../../main/core/domain/import-limits';
import { MAX_BODY_BYTES, MAX_IMPORT_BODY_BYTES } from '../../../main/web-host/api-route';
import type { WebHost } from '../../../main/web-host/server';
import { connectionFor } from '../../support/connection-for';
import { startHostedCore } from '../../support/hosted-core';
import type { HostedCore } from '../../support/hosted-core';
import type { CoreHarness } from '../../support/core-harness';

const PASSPHRASE = 'a large move: correct horse battery';
/** Enough connections with long tokens that their backup is past the 6 MiB every other call may send. */
const CONNECTIONS = 300;
const ACCESS_TOKEN_CHARS = 16 * 1024;
const REFRESH_TOKEN_CHARS = 4 * 1024;

let source: HostedCore;
let target: HostedCore;

/** A call over HTTP as the window makes it; the parsed answer and its status. */
async function call(host: WebHost, method: string, args: unknown[]) {
  const response = await fetch(`http://127.0.0.1:${host.port}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tokentray-token': host.token },
    body: JSON.stringify(args),
  });
  const body = (await response.json()) as {
    result?: Record<string, unknown>;
    error?: { code: string; message: string };
  };
  return { status: response.status, ...body };
}

/** A token as long as a large JWT, of random base64url characters. */
function longToken(chars: number): string {
  return randomBytes(Math.ceil((chars * 3) / 4))
    .toString('base64url')
    .slice(0, chars);
}

beforeAll(async () => {
  source = await startHostedCore();
  target = await startHostedCore();
  const { core, simulator } = source.harness;
  const account = simulator.provision('oauth2');
  const partner = core.admin.addPartner({ name: 'Acme Logistics' });
  for (let i = 0; i < CONNECTIONS; i++) {
    const { input } = connectionFor(account, partner.id, { label: `Orders ${i}` });
    await core.admin.addConnection(input, {
      clientSecret: account.clientSecret,
      refreshToken: longToken(REFRESH_TOKEN_CHARS),
      accessToken: longToken(ACCESS_TOKEN_CHARS),
      tokenExpiresAt: Date.now() + 24 * 3600_000,
    });
  }
}, 120_000);

afterAll(async () => {
  for (const side of [source, target]) await side?.close();
});

/**
 * Sends a body that claims `declared` bytes, piece by piece, until the host answers (it reads and
 * discards a bounded part first, so a client that sends before it reads still gets the status).
 */
function sendUntilAnswered(host: WebHost, method: string, declared: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(host.port, '127.0.0.1');
    let answer = '';
    let done = false;
    const finish = () => {
      done = true;
      resolve(answer);
    };
    socket.setEncoding('utf8').on('data', (text: string) => (answer += text));
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('connect', async () => {
      socket.write(
        `POST /api/${method} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nContent-Type: application/json\r\n` +
          `X-TokenTray-Token: ${host.token}\r\nContent-Length: ${declared}\r\n\r\n["`,
      );
      let sent = 2;
      while (!done && answer === '' && sent < declared) {
        const piece = Buffer.alloc(Math.min(256 * 1024, declared - sent), 0x41);
        const ok = await new Promise<boolean>((next) => socket.write(piece, (error) => next(!error)));
        if (!ok) return;
        sent += piece.length;
      }
    });
  });
}

describe('a backup of a large profile over the browser host', () => {
  it('round-trips: every connection and every long token arrives, past the cap of every other call', async () => {
    const empty = await call(target.host, 'exportBackup', [PASSPHRASE]);
    const exported = await call(source.host, 'exportBackup', [PASSPHRASE]);
    expect(exported.status).toBe(200);
    const contents = exported.result!.contents as string;
    expect(contents.length).toBeGreaterThan(MAX_BODY_BYTES);
    // A profile of 10,000 such connections makes a backup the import still takes.
    const perConnection = (contents.length - (empty.result!.contents as string).length) / CONNECTIONS;
    expect(perConnection).toBeGreaterThan(((ACCESS_TOKEN_CHARS + REFRESH_TOKEN_CHARS) * 4) / 3);
    expect(10_000 * perConnection).toBeLessThan(IMPORT_MAX_CHARS);

    const imported = await call(target.host, 'importBackup', [contents, PASSPHRASE]);

    expect(imported).toMatchObject({
      status: 200,
      result: {
        partnersAdded: 1,
        connectionsAdded: CONNECTIONS,
        connectionsRestored: 0,
        needCredentials: 0,
        skipped: [],
      },
    });
    const byLabel = (harness: CoreHarness) =>
      new Map(harness.core.snapshot().partners.flatMap((p) => p.connections.map((c) => [c.label, c.id])));
    const sourceIds = byLabel(source.harness);
    const targetIds = byLabel(target.harness);
    expect(targetIds.size).toBe(CONNECTIONS);
    for (const [label, sourceId] of sourceIds) {
      for (const kind of ['accessToken', 'refreshToken'] as const) {
        const sent = await source.harness.vault.get(sourceId, kind);
        expect(await target.harness.vault.get(targetIds.get(label)!, kind)).toBe(sent);
      }
    }
  }, 120_000);

  it('refuses a body past the import cap with a clear message, changes nothing and goes on answering', async () => {
    // The imported connections renew meanwhile (a backup holds no token times): what it holds is compared.
    const held = () =>
      target.harness.core.snapshot().partners.map((p) => [p.id, p.connections.map((c) => c.id)]);
    const before = held();

    const answer = await sendUntilAnswered(target.host, 'importBackup', MAX_IMPORT_BODY_BYTES + 1);
    const small = await sendUntilAnswered(target.host, 'addPartner', MAX_BODY_BYTES + 1);

    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('"too_large"');
    expect(answer).toContain('The request is too large (an import file of 400 MB at most)');
    expect(answer).toContain('nothing was read or changed');
    expect(small).toContain('The request is too large (6 MiB at most)');
    expect(held()).toEqual(before);
    expect((await call(target.host, 'getSnapshot', [])).status).toBe(200);
  }, 60_000);
});
