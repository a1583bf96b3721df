/**
 * Renders every icon from the one source image build/icon.svg: the app icon at
 * each size packaging needs (build/icons/NxN.png) and the tray icon for each
 * state (build/icons/tray/). Debian's Chromium rasterises the SVG, driven by
 * Playwright, so no image package is needed. The PNGs are committed: packaging
 * needs no browser.
 *
 *   npx tsx scripts/make-icons.ts            (CHROMIUM_PATH overrides /usr/bin/chromium)
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { TRAY_ICON_SIZES, TRAY_STATES, trayIconFileName } from '../main/electron/tray-icons';
import type { TrayState } from '../main/electron/tray-icons';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = join(ROOT, 'build', 'icon.svg');
const ICONS = join(ROOT, 'build', 'icons');

/** Linux wants each size; macOS and Windows packaging convert the 1024 and 256 ones. */
export const APP_ICON_SIZES = [16, 32, 48, 64, 128, 256, 512, 1024] as const;

const BADGE_COLOURS: Record<TrayState, string> = {
  healthy: '#1f9d55',
  expiring: '#d97706',
  needsAction: '#d7263d',
};

const MARK_CLASS: Record<TrayState, string> = {
  healthy: 'mark-healthy',
  expiring: 'mark-expiring',
  needsAction: 'mark-needs-action',
};

interface IconJob {
  file: string;
  size: number;
  /** The badge to show; none for the app icon. */
  state: TrayState | null;
}

export function iconJobs(): IconJob[] {
  const app = APP_ICON_SIZES.map((size) => ({ file: join(ICONS, `${size}x${size}.png`), size, state: null }));
  const tray = TRAY_STATES.flatMap((state) =>
    TRAY_ICON_SIZES.map((size) => ({
      file: join(ICONS, 'tray', trayIconFileName(state, size)),
      size,
      state,
    })),
  );
  return [...app, ...tray];
}

/** The SVG inline in a page whose stylesheet picks the badge for one state. */
export function iconPage(svg: string, state: TrayState | null): string {
  const badge =
    state === null
      ? '#badge { display: none; }'
      : `#badge-disc { fill: ${BADGE_COLOURS[state]}; } .mark { display: none; } .${MARK_CLASS[state]} { display: inline; }`;
  return `<!doctype html><html><head><style>
html, body { margin: 0; padding: 0; background: transparent; overflow: hidden; }
svg { display: block; width: 100vw; height: 100vh; }
${badge}
</style></head><body>${svg}</body></html>`;
}

async function main(): Promise<void> {
  const svg = readFileSync(SOURCE, 'utf8').replace(/<\?xml[^>]*>/, '');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    for (const job of iconJobs()) {
      await page.setViewportSize({ width: job.size, height: job.size });
      await page.setContent(iconPage(svg, job.state));
      mkdirSync(dirname(job.file), { recursive: true });
      await page.screenshot({ path: job.file, omitBackground: true });
      console.log(`${job.file.slice(ROOT.length + 1)} (${job.size}×${job.size})`);
    }
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
