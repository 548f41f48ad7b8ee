/**
 * How every browser test and benchmark starts Chromium: Debian's build (Playwright cannot download
 * its own here), no sandbox when run as root, no GPU, and no background networking (the machine's
 * closed network refuses those connections).
 */
export const chromiumLaunch = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
