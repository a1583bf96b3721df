import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeCycle, folderCycles, folderEdges } from '../../support/folder-imports';

const ROOT = join(import.meta.dirname, '../../..');
const trees: string[] = [];

/** A source tree in a temporary folder, from file paths to their text. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'folder-cycles-'));
  trees.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function cyclesIn(root: string, folders: string[]): string[] {
  const edges = folderEdges(root, folders);
  return folderCycles(edges).map((cycle) => describeCycle(cycle, edges));
}

afterEach(() => {
  for (const root of trees.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('the folder-level import graph', () => {
  it('names two folders that import each other, a type import included', () => {
    const root = tree({
      'src/engine/planner.ts':
        "import type { Catalog } from '../catalog/catalog';\nexport type P = Catalog;\n",
      'src/catalog/catalog.ts': "import { plan } from '../engine/plan';\nexport const Catalog = plan;\n",
      'src/engine/plan.ts': 'export const plan = 1;\n',
    });
    expect(cyclesIn(root, ['src'])).toEqual([
      [
        'src/catalog ↔ src/engine:',
        '  src/catalog → src/engine (src/catalog/catalog.ts imports src/engine/plan.ts)',
        '  src/engine → src/catalog (src/engine/planner.ts imports src/catalog/catalog.ts)',
      ].join('\n'),
    ]);
  });

  it('finds a cycle through three folders and through a folder and its sub-folder', () => {
    const root = tree({
      'src/a/a.ts': "export * from '../b/b';\n",
      'src/b/b.ts': "export { c } from '../c';\n",
      'src/c/index.ts': "import '../a/a';\nexport const c = 1;\n",
      'src/d/main.ts': "import { run } from './commands/run';\nexport const main = run;\n",
      'src/d/commands/run.ts': "import { help } from '../help';\nexport const run = help;\n",
      'src/d/help.ts': 'export const help = 1;\n',
    });
    expect(folderCycles(folderEdges(root, ['src']))).toEqual([
      ['src/a', 'src/b', 'src/c'],
      ['src/d', 'src/d/commands'],
    ]);
  });

  it('lets imports that go one way through', () => {
    const root = tree({
      'src/engine/planner.ts':
        "import type { Catalog } from '../catalog/catalog';\nexport type P = Catalog;\n",
      'src/catalog/catalog.ts': "import { z } from 'zod';\nexport const Catalog = z;\n",
    });
    expect(cyclesIn(root, ['src'])).toEqual([]);
  });

  it('has no folder of the product that imports another which imports it back', () => {
    expect(cyclesIn(ROOT, ['main', 'preload', 'renderer'])).toEqual([]);
  });
});
