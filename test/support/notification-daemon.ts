import type { ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One org.freedesktop.Notifications.Notify call as dbus-monitor saw it. */
export interface NotifyCall {
  appName: string;
  summary: string;
  body: string;
  /** Every string argument of the call (icon and hints included), to check nothing secret went out. */
  strings: string[];
}

export interface NotificationDaemon {
  /** Every Notify call seen so far. */
  calls(): NotifyCall[];
  /** Resolves with the calls once `count` of them match; rejects if the monitor ends first. */
  waitFor(match: (call: NotifyCall) => boolean, count?: number): Promise<NotifyCall[]>;
  stop(): Promise<void>;
}

const TOOLS = ['Xvfb', 'dunst', 'dbus-monitor', 'dbus-send', 'notify-send'];

/** Why a real notification daemon cannot run here, or null when it can. */
export function notificationDaemonUnavailable(): string | null {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    return 'no D-Bus session: run the tests through scripts/with-keychain.sh';
  }
  const missing = TOOLS.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
  if (missing.length > 0)
    return `${missing.join(', ')} not installed (apt-get install xvfb dunst dbus libnotify-bin)`;
  if (nameHasOwner('org.freedesktop.Notifications')) {
    return 'another notification daemon already serves this D-Bus session';
  }
  return null;
}

/**
 * dunst, a real notification daemon, on a private X display (Xvfb) and the
 * test's own D-Bus session, with dbus-monitor recording every Notify call.
 */
export async function startNotificationDaemon(): Promise<NotificationDaemon> {
  const home = mkdtempSync(join(tmpdir(), 'tokentray-dunst-'));
  const children: ChildProcess[] = [];
  const stopAll = async () => {
    for (const child of children.reverse()) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    }
    rmSync(home, { recursive: true, force: true });
  };
  try {
    const display = await startXvfb(children);
    // dunst's defaults, minus anything that reads the person's own configuration.
    const config = join(home, 'dunstrc');
    writeFileSync(config, '[global]\n    monitor = 0\n');
    const dunst = spawn('dunst', ['-config', config], {
      env: { ...process.env, DISPLAY: display, HOME: home, XDG_CONFIG_HOME: home },
      stdio: 'ignore',
    });
    children.push(dunst);
    const monitor = spawn('dbus-monitor', [
      '--session',
      "type='method_call',interface='org.freedesktop.Notifications',member='Notify'",
    ]);
    children.push(monitor);
    let output = '';
    let ended = false;
    const waiters = new Set<() => void>();
    monitor.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      for (const wake of waiters) wake();
    });
    monitor.on('exit', () => {
      ended = true;
      for (const wake of waiters) wake();
    });
    await waitUntil(() => nameHasOwner('org.freedesktop.Notifications'), dunst, 'dunst');
    await waitUntil(() => output.length > 0, monitor, 'dbus-monitor');

    const calls = () => parseNotifyCalls(output);
    return {
      calls,
      waitFor: async (match, count = 1) => {
        for (;;) {
          const matching = calls().filter(match);
          if (matching.length >= count) return matching;
          if (ended) throw new Error('dbus-monitor ended before the notification came');
          await new Promise<void>((resolve) => {
            const wake = () => {
              waiters.delete(wake);
              resolve();
            };
            waiters.add(wake);
          });
        }
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Xvfb picks a free display itself and writes its number to the given descriptor. */
async function startXvfb(children: ChildProcess[]): Promise<string> {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-nolisten', 'tcp', '-screen', '0', '1024x768x24'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  children.push(xvfb);
  const fd = xvfb.stdio[3] as Readable | null;
  if (!fd) throw new Error('Xvfb gave no display descriptor');
  let text = '';
  fd.setEncoding('utf8');
  while (!text.includes('\n')) {
    const [chunk] = (await Promise.race([once(fd, 'data'), once(xvfb, 'exit')])) as [unknown];
    if (typeof chunk !== 'string') throw new Error('Xvfb stopped before it had a display');
    text += chunk;
  }
  return `:${text.trim()}`;
}

function nameHasOwner(name: string): boolean {
  const answer = spawnSync(
    'dbus-send',
    [
      '--session',
      '--print-reply',
      '--dest=org.freedesktop.DBus',
      '/org/freedesktop/DBus',
      'org.freedesktop.DBus.NameHasOwner',
      `string:${name}`,
    ],
    { encoding: 'utf8' },
  );
  return /boolean true/.test(answer.stdout ?? '');
}

/** Polls a condition that has no event of its own (a D-Bus name), failing if the process it waits on ends. */
async function waitUntil(ready: () => boolean, child: ChildProcess, name: string): Promise<void> {
  for (let attempt = 0; !ready(); attempt += 1) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} stopped at start-up`);
    if (attempt > 200) throw new Error(`${name} did not come up`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Notify(app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout) from dbus-monitor's text. */
export function parseNotifyCalls(output: string): NotifyCall[] {
  return (
    output
      .split(/^(?=method call )/m)
      .filter(
        (block) => block.startsWith('method call ') && /member=Notify\b/.test(block.split('\n')[0] ?? ''),
      )
      // A call's text can arrive in pieces: only one whose last argument (expire_timeout, top level) is in counts.
      .filter((block) => /^ {3}int32 -?\d+$/m.test(block))
      .map((block) => {
        const strings = [...block.matchAll(/^\s+string "(.*)"$/gm)].map((match) => unescape(match[1] ?? ''));
        return { appName: strings[0] ?? '', summary: strings[2] ?? '', body: strings[3] ?? '', strings };
      })
  );
}

function unescape(text: string): string {
  return text.replace(/\\(["\\])/g, '$1');
}
