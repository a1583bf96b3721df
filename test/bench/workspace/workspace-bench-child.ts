// One TokenTray instance of the workspace benchmark, in its own process, on a clock that can jump:
//   workspace-bench-child <database URL> <keychain service> <member name>
// It prints {"event":"started"} once it renews on the workspace; each line "jump <ms>" on stdin
// moves its wall clock by that much and replans, as waking from sleep does. It stops on SIGTERM
// or when stdin closes.
import { createInterface } from 'node:readline';
import { TokenTrayCore } from '../../../main/core/app';
import { AxiosHttpClient } from '../../../main/core/http/axios-http-client';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';
import { Workspace } from '../../../main/core/workspace/open-workspace';
import { ShiftedClock } from './shifted-clock';

const [url, service, member] = process.argv.slice(2);
if (!url || !service || !member) throw new Error('usage: workspace-bench-child <url> <service> <member>');

const clock = new ShiftedClock();
const now = () => clock.now();
const workspace = await Workspace.open({ url, member, now, lease: { reconnectGraceMs: 60_000 } });
const core = new TokenTrayCore({
  workspace,
  keychain: new KeytarVault({ service }),
  clock,
  http: new AxiosHttpClient({ now }),
});
await core.start();

const stop = () => void core.stop().then(() => process.exit(0));
process.once('SIGTERM', stop);
createInterface({ input: process.stdin })
  .on('line', (line) => {
    const [command, amount] = line.split(' ');
    if (command !== 'jump') return;
    clock.jump(Number(amount));
    core.replan();
  })
  .on('close', stop);
process.stdout.write(`${JSON.stringify({ event: 'started', instance: workspace.instance })}\n`);
