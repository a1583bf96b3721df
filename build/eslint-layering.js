/**
 * `local/layering`: which folder may import which, read from a table in eslint.config.js
 * (the way VS Code feeds its `code-layering` rule). A file belongs to the longest folder
 * of the table its path starts with; it may import its own folder, the paths its layer
 * lists under `may`, type-only the paths under `types`, and of the packages those under
 * `packages` (every package where that list is absent) except those under `deniedPackages`.
 */
import { dirname, relative, resolve } from 'node:path';

const SOURCE_EXTENSION = /\.(?:ts|tsx|js|mjs|cjs)$/;

/** @param {string} path @param {string} prefix */
function within(path, prefix) {
  const bare = path.replace(SOURCE_EXTENSION, '');
  const base = prefix.replace(SOURCE_EXTENSION, '');
  return bare === base || bare.startsWith(`${base}/`);
}

/** @param {string} specifier */
function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Type-only: `import type`, `import { type A }` with every name so, `export type … from`. */
function isTypeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  return (
    node.type === 'ImportDeclaration' &&
    node.specifiers.length > 0 &&
    node.specifiers.every((specifier) => specifier.importKind === 'type')
  );
}

export const layeringRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps each folder to the imports the layering table allows it.' },
    schema: [
      {
        type: 'object',
        properties: { root: { type: 'string' }, layers: { type: 'object' } },
        required: ['root', 'layers'],
        additionalProperties: false,
      },
    ],
    messages: {
      folder: '{{layer}} may not import {{target}}{{hint}} (the layering table in eslint.config.js).',
      package: '{{layer}} may not import the package {{target}} (the layering table in eslint.config.js).',
    },
  },
  create(context) {
    const { root, layers } = context.options[0];
    const file = relative(root, context.filename).split('\\').join('/');
    const layer = Object.keys(layers)
      .filter((name) => within(file, name))
      .sort((a, b) => b.length - a.length)[0];
    if (layer === undefined) return {};
    const rules = layers[layer];

    function check(node, source) {
      if (!source || typeof source.value !== 'string') return;
      const specifier = source.value;
      if (!specifier.startsWith('.')) {
        const name = packageOf(specifier);
        const denied =
          rules.deniedPackages?.includes(name) || (rules.packages && !rules.packages.includes(name));
        if (denied) {
          context.report({ node: source, messageId: 'package', data: { layer, target: name } });
        }
        return;
      }
      const target = relative(root, resolve(dirname(context.filename), specifier))
        .split('\\')
        .join('/');
      if (target.startsWith('..') || within(target, layer)) return;
      if ((rules.may ?? []).some((allowed) => within(target, allowed))) return;
      const typesAllowed = (rules.types ?? []).some((allowed) => within(target, allowed));
      if (typesAllowed && isTypeOnly(node)) return;
      const hint = typesAllowed ? ' except as `import type`' : '';
      context.report({ node: source, messageId: 'folder', data: { layer, target, hint } });
    }

    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};
