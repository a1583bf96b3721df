/** Debian's Chromium: the end-to-end tests and the window benchmark use it; Playwright never downloads one here. */
export const CHROMIUM = '/usr/bin/chromium';

/** How that Chromium is launched for them: as root in a container, without a GPU or any background traffic. */
export const CHROMIUM_LAUNCH = {
  executablePath: CHROMIUM,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
