import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layeringRule } from './build/eslint-layering.js';

const ROOT = import.meta.dirname;
const ELECTRON = ['electron', 'electron-store'];
/** The API contract: types, method names and the error body's check. Every layer may import it. */
const CONTRACT = [
  'main/core/api/api-contract.ts',
  'main/core/api/api-methods.ts',
  'main/core/api/api-error-body.ts',
];
/** Core modules of plain functions and constants the window runs as they are (no Node, no zod). */
const PURE_FOR_THE_WINDOW = [
  'main/core/domain/dictionary.ts',
  'main/core/domain/guidance.ts',
  'main/core/domain/import-limits.ts',
  'main/core/domain/lock-reasons.ts',
  'main/core/domain/pem-text.ts',
  'main/core/domain/time-range.ts',
  'main/core/view/connection-status.ts',
];

/**
 * Which folder may import which (paths from the repository root; a file belongs to the
 * longest folder its path starts with and may always import its own folder).
 * `may`: imports allowed; `types`: allowed as `import type` only; `packages`: the only
 * packages allowed; `deniedPackages`: packages refused.
 */
export const LAYERS = {
  // The product's logic, plain Node: no host, no window, no Electron.
  'main/core': { may: [], deniedPackages: ELECTRON },
  'main/web-host': { may: ['main/core'], deniedPackages: ELECTRON },
  'main/cli': { may: ['main/core', 'main/web-host'], deniedPackages: ELECTRON },
  'main/electron': { may: ['main/core', 'main/web-host'] },
  // Sandboxed: Electron's IPC and the contract, nothing else.
  preload: { may: CONTRACT, packages: ['electron'] },
  renderer: { may: [...CONTRACT, ...PURE_FOR_THE_WINDOW], types: ['main/core'], deniedPackages: ELECTRON },
};

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'out', 'release', 'test-results', 'playwright-report', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { local: { rules: { layering: layeringRule } } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      'local/layering': ['error', { root: ROOT, layers: LAYERS }],
    },
  },
);
