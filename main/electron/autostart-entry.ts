/**
 * Electron's login items cover macOS and Windows only; on Linux an XDG
 * autostart entry (~/.config/autostart/*.desktop) does the same.
 */
export const AUTOSTART_FILE_NAME = 'tokentray.desktop';

/** Flag the app is started with at login, so it starts in the tray without opening its window. */
export const HIDDEN_FLAG = '--hidden';

/**
 * The entry's text; `command` is the program (and its script in development), `args` what a
 * start at login needs besides (a workspace's flags); the start-hidden flag is added.
 */
export function autostartDesktopEntry(command: readonly string[], args: readonly string[] = []): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=TokenTray',
    'Comment=Keeps partner API tokens alive',
    `Exec=${[...command, ...args].map(quoteExec).concat(HIDDEN_FLAG).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * The desktop entry spec: quote an argument holding spaces or specials
 * (escaping ", `, $ and \ inside), then apply the string escape (\ doubled)
 * and the field-code escape (% doubled).
 */
function quoteExec(path: string): string {
  const quoted = /[\s"'`$\\<>~|&;*?#()]/.test(path) ? `"${path.replace(/(["`$\\])/g, '\\$1')}"` : path;
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}
