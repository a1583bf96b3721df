import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Tinyproxy {
  /** `http://127.0.0.1:PORT`, without credentials. */
  url: string;
  /** The lines of tinyproxy's own log file. */
  logLines(): string[];
  close(): Promise<void>;
}

/** Debian's tinyproxy in the foreground on a free port of 127.0.0.1, with Basic credentials where given. */
export async function startTinyproxy(
  credentials?: { user: string; password: string },
  /** The only ports it opens tunnels to (ConnectPort); any, when absent. */
  connectPorts: number[] = [],
): Promise<Tinyproxy> {
  const folder = mkdtempSync(join(tmpdir(), 'tokentray-tinyproxy-'));
  const port = await freePort();
  const logFile = join(folder, 'tinyproxy.log');
  const config = [
    `Port ${port}`,
    'Listen 127.0.0.1',
    'Timeout 30',
    `LogFile "${logFile}"`,
    'LogLevel Connect',
    'MaxClients 20',
    'DisableViaHeader Yes',
    ...(credentials ? [`BasicAuth ${credentials.user} ${credentials.password}`] : []),
    ...connectPorts.map((port) => `ConnectPort ${port}`),
  ];
  writeFileSync(join(folder, 'tinyproxy.conf'), `${config.join('\n')}\n`);
  const child: ChildProcess = spawn('tinyproxy', ['-d', '-c', join(folder, 'tinyproxy.conf')], {
    stdio: 'ignore',
  });
  await untilListening(port, child);
  return {
    url: `http://127.0.0.1:${port}`,
    logLines: () => readFileSync(logFile, 'utf8').split('\n'),
    close: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Tries to connect until tinyproxy accepts, or fails when it exits first. */
async function untilListening(port: number, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`tinyproxy exited with ${child.exitCode}`);
    const accepted = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (accepted) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
