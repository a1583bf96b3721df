/**
 * The folder-level import graph of a source tree: folder A depends on folder B when a file
 * directly in A imports (type imports included) a file directly in B. A cycle is a set of
 * folders that reach each other, found as the graph's strongly connected components.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const SOURCE = /\.(?:ts|tsx|mts|cts|js|mjs|cjs)$/;
const RESOLVE_ENDINGS = ['', '.ts', '.tsx', '.d.ts', '.js', '.mjs', '/index.ts', '/index.tsx'];

/** One import that makes a folder depend on another, kept to name the cycle it belongs to. */
export interface FolderEdge {
  from: string;
  to: string;
  /** One file of `from` and the file of `to` it imports, from the root. */
  example: { importer: string; imported: string };
}

function sourceFiles(root: string, folder: string): string[] {
  const path = join(root, folder);
  return readdirSync(path).flatMap((name) => {
    const child = join(path, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    if (statSync(child).isDirectory()) return sourceFiles(root, relative(root, child));
    return SOURCE.test(name) ? [relative(root, child)] : [];
  });
}

function resolveRelative(root: string, importer: string, specifier: string): string | undefined {
  const base = resolve(root, dirname(importer), specifier);
  const found = RESOLVE_ENDINGS.map((ending) => base + ending).find(
    (candidate) => existsSync(candidate) && statSync(candidate).isFile(),
  );
  return found === undefined ? undefined : relative(root, found);
}

const slashes = (path: string) => path.split('\\').join('/');

/** Every folder-to-folder dependency under `folders` (paths from `root`), one example import each. */
export function folderEdges(root: string, folders: readonly string[]): FolderEdge[] {
  const edges = new Map<string, FolderEdge>();
  for (const importer of folders.flatMap((folder) => sourceFiles(root, folder))) {
    const text = readFileSync(join(root, importer), 'utf8');
    const { importedFiles } = ts.preProcessFile(text, true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const imported = resolveRelative(root, importer, fileName);
      if (imported === undefined) continue;
      const from = slashes(dirname(importer));
      const to = slashes(dirname(imported));
      if (from === to || edges.has(`${from}\n${to}`)) continue;
      edges.set(`${from}\n${to}`, {
        from,
        to,
        example: { importer: slashes(importer), imported: slashes(imported) },
      });
    }
  }
  return [...edges.values()];
}

/** The groups of folders that import each other (Tarjan's strongly connected components of two or more). */
export function folderCycles(edges: readonly FolderEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) next.set(from, [...(next.get(from) ?? []), to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];

  function visit(folder: string): void {
    index.set(folder, index.size);
    low.set(folder, index.get(folder)!);
    stack.push(folder);
    onStack.add(folder);
    for (const target of next.get(folder) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(folder, Math.min(low.get(folder)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(folder, Math.min(low.get(folder)!, index.get(target)!));
      }
    }
    if (low.get(folder) !== index.get(folder)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== folder);
    if (component.length > 1) cycles.push(component.sort());
  }

  for (const folder of [...next.keys()].sort()) if (!index.has(folder)) visit(folder);
  return cycles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** A cycle in words: each import inside it, as `from → to (importer imports imported)`. */
export function describeCycle(cycle: readonly string[], edges: readonly FolderEdge[]): string {
  const inside = edges.filter(({ from, to }) => cycle.includes(from) && cycle.includes(to));
  const lines = inside.map(
    ({ from, to, example }) => `  ${from} → ${to} (${example.importer} imports ${example.imported})`,
  );
  return [`${cycle.join(' ↔ ')}:`, ...lines].join('\n');
}
