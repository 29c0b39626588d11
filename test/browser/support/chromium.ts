import { accessSync, constants } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium, which `scripts/install-chromium.sh` installs (never a downloaded browser build). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The flags of a quiet, headless Chromium in a container or CI runner: no sandbox (root, no user namespaces), no GPU, no calls home. */
export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Chromium is not installed where the browser tests look for it. */
export class ChromiumMissingError extends Error {}

/**
 * Launches headless Chromium for a browser test, with Playwright (`playwright-core`, which brings
 * no browser of its own). Fails at once, with what to run, when the browser is missing: a test
 * run on a fresh machine says so instead of timing out.
 *
 * @param executablePath default `VIGIL_CHROMIUM` when set (another machine's Chromium or Chrome), else {@link CHROMIUM_PATH}.
 * @throws ChromiumMissingError naming `scripts/install-chromium.sh`.
 */
export async function launchChromium(executablePath: string = process.env.VIGIL_CHROMIUM || CHROMIUM_PATH): Promise<Browser> {
  try {
    accessSync(executablePath, constants.X_OK);
  } catch {
    throw new ChromiumMissingError(`Chromium is not installed at ${executablePath}: run scripts/install-chromium.sh (Debian/Ubuntu: apt-get install chromium), or set VIGIL_CHROMIUM to a Chromium or Chrome executable. The browser tests (test/browser) need it.`);
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
}
