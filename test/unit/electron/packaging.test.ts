import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pngSize } from './png-size';

const ROOT = join(import.meta.dirname, '../../..');
// electron-builder's own loader and schema check, as `electron-builder` runs them before packaging.
const require = createRequire(join(ROOT, 'package.json'));
/** The parts of electron-builder's configuration these tests read. */
interface BuilderConfig {
  appId: string;
  productName: string;
  extraMetadata: { main: string };
  files: Array<string | { filter: string[] }>;
  asarUnpack: string[];
  linux: { target: string[]; category: string; maintainer: string; icon: string };
  win: { target: string[]; icon: string };
  mac: { target: string[]; category: string; icon: string };
}
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util/out/DebugLogger') as {
  DebugLogger: new (enabled: boolean) => unknown;
};

const config = await getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null);

describe('packaging', () => {
  it("passes electron-builder's own configuration check", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('would fail that check for a wrong option, so the check is real', async () => {
    await expect(
      validateConfiguration(
        { ...config, linux: { ...config.linux, notAnOption: true } },
        new DebugLogger(false),
      ),
    ).rejects.toThrow(/configuration/i);
  });

  it('builds TokenTray for Linux (AppImage, deb), Windows (nsis) and macOS (dmg)', () => {
    expect(config).toMatchObject({ appId: 'com.tokentray.app', productName: 'TokenTray' });
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'], category: 'Utility' });
    expect(config.linux.maintainer).toMatch(/\S+ <\S+@\S+>/);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac).toMatchObject({ target: ['dmg'], category: 'public.app-category.developer-tools' });
  });

  it('starts the bundled main and keeps keytar outside the archive', () => {
    expect(config.extraMetadata.main).toBe('dist/electron/main.js');
    const files = config.files.flatMap((f) => (typeof f === 'string' ? [f] : f.filter));
    expect(files).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**', 'package.json']));
    expect(config.asarUnpack).toContain('**/node_modules/keytar/**');
  });

  it('finds every icon it names, at the size its name says', () => {
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(join(ROOT, config.linux.icon, `${size}x${size}.png`))).toEqual({
        width: size,
        height: size,
      });
    }
    expect(existsSync(join(ROOT, config.win.icon))).toBe(true);
    expect(pngSize(join(ROOT, config.mac.icon)).width).toBeGreaterThanOrEqual(512);
    expect(existsSync(join(ROOT, 'build', 'icon.svg'))).toBe(true);
  });
});
