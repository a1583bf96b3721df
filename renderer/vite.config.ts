import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The dev server injects an inline React Refresh preamble that the page's strict CSP would block. */
function relaxCspForDevServer(): Plugin {
  return {
    name: 'tokentray-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/s, ''),
  };
}

// One build for both hosts: base './' loads from file:// in Electron and from the browser host alike.
export default defineConfig({
  root,
  base: './',
  plugins: [react(), relaxCspForDevServer()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    // Electron's Chromium and current browsers preload modules natively.
    modulePreload: { polyfill: false },
  },
  server: {
    // The renderer reads a few types and texts from ../main and ../preload.
    fs: { allow: ['..'] },
    // `TOKENTRAY_HOST=http://127.0.0.1:PORT npx vite --config renderer/vite.config.ts` against a running browser host.
    proxy: process.env.TOKENTRAY_HOST ? { '/api': { target: process.env.TOKENTRAY_HOST } } : undefined,
  },
});
