import { readFileSync } from 'node:fs';
import { Menu, nativeImage, Tray } from 'electron';
import type { MenuItemConstructorOptions, NativeImage } from 'electron';
import type { EpochMs } from '../core/domain/ids';
import type { TrayState } from './tray-icons';
import { trayIconFiles } from './tray-icons';
import type { TrayMenuAction, TrayMenuItem, TraySummary } from './tray-model';
import { trayMenuModel, trayTooltip } from './tray-model';

export type TrayActions = Record<TrayMenuAction, (checked: boolean) => void>;

/** The tray icon: its look follows the worst state, its tooltip names the next expiry. */
export class AppTray {
  private readonly tray: Tray;
  private readonly images = new Map<TrayState, NativeImage>();
  private shownState: TrayState | null = null;
  private shownMenu = '';

  constructor(
    private readonly iconsDir: string,
    private readonly actions: TrayActions,
  ) {
    this.tray = new Tray(this.imageFor('healthy'));
    this.shownState = 'healthy';
    // Windows and most Linux panels: a click opens the window; the menu is on the right button.
    this.tray.on('click', () => actions.open(false));
  }

  update(summary: TraySummary, now: EpochMs): void {
    if (summary.state !== this.shownState) {
      this.tray.setImage(this.imageFor(summary.state));
      this.shownState = summary.state;
    }
    this.tray.setToolTip(trayTooltip(summary, now));
    const model = trayMenuModel(summary);
    const key = JSON.stringify(model);
    // Rebuilding an unchanged menu makes some Linux panels flicker.
    if (key !== this.shownMenu) {
      this.tray.setContextMenu(Menu.buildFromTemplate(model.map((item) => this.toMenuItem(item))));
      this.shownMenu = key;
    }
  }

  destroy(): void {
    this.tray.destroy();
  }

  private toMenuItem(item: TrayMenuItem): MenuItemConstructorOptions {
    if (item.type === 'separator') return { type: 'separator' };
    return {
      type: item.type,
      label: item.label,
      enabled: item.enabled,
      ...(item.type === 'checkbox' ? { checked: item.checked } : {}),
      click: (menuItem) => this.actions[item.action](menuItem.checked),
    };
  }

  private imageFor(state: TrayState): NativeImage {
    let image = this.images.get(state);
    if (!image) {
      const files = trayIconFiles(state, process.platform, this.iconsDir);
      image = nativeImage.createFromPath(files.base);
      if (files.double) image.addRepresentation({ scaleFactor: 2, buffer: readFileSync(files.double) });
      this.images.set(state, image);
    }
    return image;
  }
}
