import { clipboard } from 'electron';
import type { ClipboardPort } from './clipboard-guard';

/** Electron's clipboard (the main one; TokenTray never writes the X11 selection). */
export const electronClipboard: ClipboardPort = {
  readText: () => clipboard.readText(),
  writeText: (text) => clipboard.writeText(text),
  clear: () => clipboard.clear(),
};
