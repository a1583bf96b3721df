import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the bundled main.js sits: dist/electron, inside app.asar once packaged. */
const HERE = dirname(fileURLToPath(import.meta.url));

export const PRELOAD_PATH = join(HERE, 'preload.cjs');
export const RENDERER_DIR = join(HERE, '..', 'renderer');
/** Copied beside main.js by build/vite.electron.config.ts. */
export const ICONS_DIR = join(HERE, 'icons');
export const APP_ICON_PATH = join(ICONS_DIR, 'app.png');
