import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { PRESET_DESCRIPTIONS } from '../../main/core/dialects/presets';
import { FIELD_LABEL } from '../../renderer/screens/connection-form/connection-fields';
import { urlsWithTrailingPunctuation } from '../support/printed-urls';
import { SIM_DIALECTS } from './simulator';

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

/** `npx tsx test/simulator/cli.ts --port 0` until it has printed every dialect's account. */
async function simulatorOutput(): Promise<string> {
  const child = spawn('npx', ['tsx', 'test/simulator/cli.ts', '--port', '0'], { detached: true });
  stops.push(() => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const lastSection = `To try the ${SIM_DIALECTS.at(-1)} dialect`;
  while (!out.includes(lastSection) || !/Verify URL: +\S+\n/.test(out.slice(out.indexOf(lastSection)))) {
    if (child.exitCode !== null) throw new Error('the simulator exited early');
    await once(child.stdout, 'data');
  }
  return out;
}

function section(output: string, dialect: string): string {
  const start = output.indexOf(`To try the ${dialect} dialect`);
  const end = output.indexOf('\n\n', start);
  return output.slice(start, end === -1 ? undefined : end);
}

/** The value printed after a form label in a section, or undefined. */
function valueOf(text: string, label: string): string | undefined {
  return new RegExp(`^  ${label}: +(\\S.*)$`, 'm').exec(text)?.[1];
}

describe('npm run simulator', () => {
  it('prints, for every dialect, the form fields that dialect requires, each with a value', async () => {
    const output = await simulatorOutput();
    expect(output.split('\n')[0]).toMatch(/^Partner simulator at http:\/\/127\.0\.0\.1:\d+$/);
    for (const dialect of SIM_DIALECTS) {
      const text = section(output, dialect);
      const preset = PRESET_DESCRIPTIONS[dialect];
      expect(valueOf(text, 'Preset')).toBe(preset.title);
      if (dialect !== 'manual')
        expect(valueOf(text, FIELD_LABEL.endpoint)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
      for (const setting of preset.requiredSettings) {
        expect(
          valueOf(text, FIELD_LABEL[`settings.${setting}` as keyof typeof FIELD_LABEL]),
          setting,
        ).toBeTruthy();
      }
      for (const secret of preset.requiredSecrets) {
        expect(
          valueOf(text, FIELD_LABEL[`secrets.${secret}` as keyof typeof FIELD_LABEL]),
          secret,
        ).toBeTruthy();
      }
    }
    expect(valueOf(section(output, 'manual'), 'Expires on')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }, 60_000);

  it('prints every URL with nothing stuck to its end', async () => {
    const output = await simulatorOutput();
    expect(output).toMatch(/https?:\/\//);
    expect(urlsWithTrailingPunctuation(output)).toEqual([]);
  }, 60_000);
});
