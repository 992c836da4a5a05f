// Shared by the browser tests: Debian's chromium through playwright-core, and the preview page built into a temp dir.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Locator, Page } from 'playwright-core';
import { build } from 'vite';
import { UI_ROOT } from '../../src/local/server/serve-ui.ts';

const CHROMIUM = '/usr/bin/chromium';
const required = process.env.CLARION_REQUIRE_BROWSER === '1';

/** Whether the browser tests can run here; with CLARION_REQUIRE_BROWSER=1 a missing browser is an error, not a skip. */
export const browserAvailable = existsSync(CHROMIUM);
if (!browserAvailable) {
  if (required) throw new Error(`CLARION_REQUIRE_BROWSER=1 but ${CHROMIUM} is missing: install Debian's chromium package`);
  console.info(`Browser tests skipped: ${CHROMIUM} is absent (apt-get install chromium to run them).`);
}

/** Waits (bounded by the page's default timeout) until the locator is on screen; throws when it never is. */
export async function shown(locator: Locator): Promise<boolean> {
  await locator.waitFor({ state: 'visible' });
  return locator.isVisible();
}

/** Debian's chromium, headless, on the preview page at `url`. */
export async function openPreview(url: string): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.setDefaultTimeout(10_000);
  await page.goto(url);
  return { browser, page };
}

/** The page built by Vite into a fresh temp dir, as `npm run build:ui` builds it; `remove` deletes it. */
export async function buildPreviewPage(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'clarion-ui-'));
  await build({ configFile: path.join(UI_ROOT, 'vite.config.ts'), logLevel: 'silent', build: { outDir: dir, emptyOutDir: true } });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
