// The preview page in a real browser: the Snooze menu by mouse, long identifiers, times and arrows in text, and the confirm dialog.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { SHIPPED_CATALOG, startTestStack } from '../local-stack/stack-helpers.ts';
import { browserAvailable, buildPreviewPage, openPreview, shown } from './browser.ts';

// 121 characters, no spaces and no hyphens after the region: nowhere a browser would break it by itself.
const LONG_ARN = `arn:aws:glue:eu-west-2:111111111111:job/${'TraineeRecordsOvernightSync'.repeat(3)}`;
const TITLE = 'The overnight sync says it could not finish';

/** The shipped overnight-sync sample with a reason that holds a time, a time range, an emoji shortcode, a long ARN and arrows. */
async function overnightSyncEvent(): Promise<unknown> {
  const sample = JSON.parse(await readFile(path.join(SHIPPED_CATALOG, 'samples', 'events', 'overnight-sync-custom.json'), 'utf8')) as { detail: Record<string, unknown> };
  sample.detail.reason = `Stopped at 03:40:00, outside the window 09:00–17:30 :warning: while writing ${LONG_ARN} (RUNNING->FAILED, tries 1 -> 2)`;
  return sample;
}

describe.skipIf(!browserAvailable)('the preview page draws and presses messages as Slack would', () => {
  let browser: Browser;
  let page: Page;
  let stack: LocalStack;
  let ui: Awaited<ReturnType<typeof buildPreviewPage>>;

  const channel = (name: string) => page.locator(`section[data-channel="${name}"]`);
  const alertMessage = () => channel('portal-alerts').locator('.slack-message', { hasText: TITLE }).first();

  beforeAll(async () => {
    ui = await buildPreviewPage();
    stack = await startTestStack({ uiDir: ui.dir });
    ({ browser, page } = await openPreview(stack.url));
    await page.getByRole('heading', { name: '#portal-alerts' }).waitFor();
    await page.getByLabel('Paste a raw AWS event').fill(JSON.stringify(await overnightSyncEvent()));
    await page.getByRole('button', { name: 'Send event' }).click();
    await alertMessage().waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await ui?.remove();
  });

  it('keeps the colons of times and time ranges while a real shortcode still becomes an emoji', async () => {
    // Prepare
    const reason = alertMessage().locator('[id="clarion.reason"]');

    // Act
    const text = await reason.innerText();

    // Assess
    expect(text).toContain('Stopped at 03:40:00, outside the window 09:00–17:30 ⚠️ while writing');
  });

  it('keeps an arrow in the text as written, with no space added after it', async () => {
    // Act
    const text = await alertMessage().locator('[id="clarion.reason"]').innerText();

    // Assess
    expect(text.slice(text.indexOf('(RUNNING'))).toBe('(RUNNING->FAILED, tries 1 -> 2)');
  });

  it('keeps the colons of an ARN in the text', async () => {
    // Act
    const text = await alertMessage().locator('[id="clarion.reason"]').innerText();

    // Assess
    expect(text.replace(/\s+/g, '')).toContain(LONG_ARN);
  });

  it('wraps a long identifier with no spaces inside the message column', async () => {
    // Prepare
    const column = channel('portal-alerts');
    const reason = alertMessage().locator('[id="clarion.reason"]');

    // Act
    const [columnBox, reasonBox, overflow] = await Promise.all([
      column.boundingBox(),
      reason.boundingBox(),
      column.evaluate((el) => el.scrollWidth - el.clientWidth),
    ]);

    // Assess
    expect(reasonBox!.x + reasonBox!.width).toBeLessThanOrEqual(columnBox!.x + columnBox!.width);
    expect(overflow).toBe(0);
  });

  it('opens the Snooze menu with a click on it and snoozes with a click on an option', async () => {
    // Prepare
    const select = alertMessage().locator('[id="clarion.snooze"]');

    // Act
    await select.click();
    await select.locator('#static_select_popup').getByText('For 4 hours').click();

    // Assess
    expect(await shown(alertMessage().getByText(/Snoozed/).first())).toBe(true);
  });

  it('shows the "Tell local offices?" confirmation as a modal dialog over the page', async () => {
    // Prepare
    await alertMessage().locator('button[id="clarion.tell-local-offices"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();

    // Act
    const viewport = page.viewportSize()!;
    const box = (await dialog.boundingBox())!;
    const layout = await page.evaluate(() => {
      const overlay = document.querySelector('.slack_blocks_to_jsx__confirm_dialog')!;
      const panel = overlay.querySelector('[role="dialog"]')!;
      return {
        overlay: overlay.getBoundingClientRect().toJSON() as DOMRect,
        cornerCovered: overlay.contains(document.elementFromPoint(5, 5)),
        backdrop: getComputedStyle(overlay).backgroundColor,
        panel: getComputedStyle(panel).backgroundColor,
      };
    });

    // Assess
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    expect(layout.overlay).toMatchObject({ x: 0, y: 0, width: viewport.width, height: viewport.height });
    expect(layout.cornerCovered).toBe(true);
    expect(layout.backdrop).toMatch(/^rgba\(0, 0, 0, 0\.[1-9]/);
    expect(layout.panel).toBe('rgb(255, 255, 255)');
    expect(Math.abs(box.x + box.width / 2 - viewport.width / 2)).toBeLessThanOrEqual(1);
    expect(Math.abs(box.y + box.height / 2 - viewport.height / 2)).toBeLessThanOrEqual(1);
  });

  it('tells local offices when the dialog is confirmed', async () => {
    // Act
    await page.getByRole('dialog').getByRole('button', { name: 'Tell them' }).click();

    // Assess
    expect(await shown(channel('portal-local-offices').getByText('New trainee records did not come in last night').first())).toBe(true);
    expect(await page.locator('.slack_blocks_to_jsx__confirm_dialog').count()).toBe(0);
  });
});
