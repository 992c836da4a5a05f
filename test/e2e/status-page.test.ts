// The status page in a real browser: readable with JavaScript off, axe-core finds no WCAG 2.2 AA violation at desktop and phone widths, and the preview page links to it.
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmStateChange } from '../../bench/alarm-event.ts';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { ROOT } from '../integration/harness.ts';
import { eventually, startTestStack } from '../local-stack/stack-helpers.ts';
import { browserAvailable, buildPreviewPage, openPreview } from './browser.ts';

const AXE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 375, height: 740 } };

interface AxeViolation { id: string; impact: string; nodes: Array<{ target: string[] }> }

describe.skipIf(!browserAvailable)('the status page in a browser', () => {
  let browser: Browser;
  let stack: LocalStack;
  let ui: Awaited<ReturnType<typeof buildPreviewPage>>;

  beforeAll(async () => {
    ui = await buildPreviewPage();
    stack = await startTestStack({ uiDir: ui.dir, now: () => new Date('2026-11-24T10:00:00Z') });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
    // An outage, so the page has a current problem and a red day in its strip.
    await fetch(`${stack.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: alarmStateChange('trainee-portal-prod-unhealthy-hosts', stack.clock.now().toISOString(), 'ALARM', 'e2e-status-1') });
    await eventually(async () => (await (await fetch(`${stack.url}/status`)).text()).includes('The Trainee Portal is down'), 'the outage on /status');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await ui?.remove();
  });

  it('reads with JavaScript turned off: the state, the problem and the next update are in the page itself', async () => {
    // Prepare
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: WIDTHS.phone });
    const page = await context.newPage();

    // Act
    await page.goto(`${stack.url}/status`);
    const texts = [
      await page.getByRole('heading', { level: 1 }).textContent(),
      await page.getByRole('status').textContent(),
      await page.getByRole('heading', { name: 'The Trainee Portal is down' }).isVisible(),
      (await page.locator('main').textContent())?.includes('Next update:'),
    ];
    await context.close();

    // Assess
    expect(texts).toEqual(['Trainee Portal status', 'A service is not working', true, true]);
  });

  for (const [name, viewport] of Object.entries(WIDTHS)) {
    it(`has no WCAG 2.2 AA violations axe-core can find at ${name} width`, async () => {
      // Prepare: the page needs no JavaScript; axe does, so it runs in a context with it on.
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(`${stack.url}/status`);
      await page.addScriptTag({ path: AXE });

      // Act
      const violations = await page.evaluate(async (tags) => {
        const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
        const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
      }, WCAG_22_AA);
      await context.close();

      // Assess
      expect(violations).toEqual([]);
    });
  }

  it('fits a phone: nothing is wider than the screen', async () => {
    // Prepare: measured with scripts on (the measuring needs them; the page has none of its own).
    const context = await browser.newContext({ viewport: WIDTHS.phone });
    const page = await context.newPage();
    await page.goto(`${stack.url}/status`);

    // Act
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    await context.close();

    // Assess
    expect(scrollWidth).toBeLessThanOrEqual(WIDTHS.phone.width);
  });

  it('is linked from the preview page header', async () => {
    // Prepare
    const { browser: previewBrowser, page } = await openPreview(stack.url);

    // Act
    await page.getByRole('banner').getByRole('link', { name: 'Status page' }).click();
    await page.waitForURL(`${stack.url}/status`);
    const heading = await page.getByRole('heading', { level: 1 }).textContent();
    await previewBrowser.close();

    // Assess
    expect(heading).toBe('Trainee Portal status');
  });
});
