import { join } from 'node:path';
import type { ConnectionStatus } from '../core/view/connection-status';

/** What the tray icon can say: all healthy, expiring soon, needs action. */
export type TrayState = 'healthy' | 'expiring' | 'needsAction';
export const TRAY_STATES: readonly TrayState[] = ['healthy', 'expiring', 'needsAction'];

/** 16 px for 100 % scale, 32 px for 200 % (and for Linux panels, which scale it down). */
export const TRAY_ICON_SIZES = [16, 32] as const;
export type TrayIconSize = (typeof TRAY_ICON_SIZES)[number];

/** The tray follows the worst connection: only three looks, so it reads at a glance. */
export function trayStateOf(worst: ConnectionStatus): TrayState {
  switch (worst) {
    case 'needsAction':
      return 'needsAction';
    case 'expiringSoon':
    case 'retrying':
      return 'expiring';
    case 'healthy':
    case 'renewing':
    case 'paused':
      return 'healthy';
  }
}

export function trayIconFileName(state: TrayState, size: TrayIconSize): string {
  const name = state === 'needsAction' ? 'needs-action' : state;
  return `tray-${name}-${size}.png`;
}

export interface TrayIconFiles {
  /** The image the tray is created from. */
  base: string;
  /** A 2× representation to add, where the platform picks one by display scale. */
  double: string | null;
}

/**
 * Linux panels are 22–24 px and scale whatever they get, so they get the 32 px
 * image alone; macOS and Windows pick 1× or 2× by the display's scale.
 */
export function trayIconFiles(state: TrayState, platform: NodeJS.Platform, iconsDir: string): TrayIconFiles {
  const file = (size: TrayIconSize) => join(iconsDir, trayIconFileName(state, size));
  if (platform === 'linux') return { base: file(32), double: null };
  return { base: file(16), double: file(32) };
}
