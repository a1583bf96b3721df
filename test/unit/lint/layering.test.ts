import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ALLOWED, VIOLATIONS } from './layering-fixtures';

const ROOT = join(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: ROOT });

async function layeringMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'local/layering').map((m) => m.message);
}

describe('the layering table in eslint.config.js', () => {
  it.each(Object.entries(VIOLATIONS))('refuses a file where %s', async (_name, { file, code }) => {
    const messages = await layeringMessages(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/may not import/);
  });

  it.each(Object.entries(ALLOWED))('lets a file through where %s', async (_name, { file, code }) => {
    expect(await layeringMessages(file, code)).toEqual([]);
  });

  it('names the layer and what it reached for', async () => {
    const { file, code } = VIOLATIONS['the core imports a host']!;
    expect(await layeringMessages(file, code)).toEqual([
      'main/core may not import main/web-host/api-route (the layering table in eslint.config.js).',
    ]);
  });

  it('tells the window that a core module is open to it as types only', async () => {
    const { file, code } = VIOLATIONS['the window imports core code that is not on its list']!;
    expect((await layeringMessages(file, code))[0]).toContain('except as `import type`');
  });
});
