import { parseArgs } from 'node:util';
import { SIM_DIALECTS, startSimulator } from './simulator';
import { tryItLines } from './try-it';

/**
 * Runs the partner simulator on its own, for end-to-end tests and the demo:
 *   npx tsx test/simulator/cli.ts --port 0
 * prints `Partner simulator at http://127.0.0.1:PORT`, then one account for each dialect
 * with the fields to paste into TokenTray's "Add connection" form, and serves until
 * SIGINT or SIGTERM.
 * Drive it through the control plane under /_sim/ (see control.ts).
 */
const { values } = parseArgs({
  options: { port: { type: 'string', default: '0' }, host: { type: 'string', default: '127.0.0.1' } },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error('--port must be a port number (0 picks a free one)');
  process.exit(2);
}

const simulator = await startSimulator({ port, host: values.host });
console.log(`Partner simulator at ${simulator.url}`);
for (const dialect of SIM_DIALECTS) {
  console.log('');
  console.log(`To try the ${dialect} dialect, add a connection with:`);
  for (const line of tryItLines(simulator.provision(dialect))) console.log(line);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void simulator.close().then(() => process.exit(0));
  });
}
