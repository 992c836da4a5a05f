// The preview page in a real browser (Debian chromium through playwright-core): a storm's Acknowledge all button pressed on the page.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { ROOT, errorRateAlarm } from '../integration/harness.ts';
import { startTestStack } from '../local-stack/stack-helpers.ts';
import { browserAvailable as available, buildPreviewPage, openPreview, shown } from './browser.ts';

const SHOTS = path.join(ROOT, 'test-results', 'e2e');

describe.skipIf(!available)('a storm on the preview page', () => {
  let browser: Browser;
  let page: Page;
  let stack: LocalStack;
  let ui: Awaited<ReturnType<typeof buildPreviewPage>>;

  beforeAll(async () => {
    ui = await buildPreviewPage();
    stack = await startTestStack({ uiDir: ui.dir, now: () => new Date('2026-11-24T10:00:00Z') });
    await mkdir(SHOTS, { recursive: true });
    ({ browser, page } = await openPreview(stack.url));
    await page.getByRole('heading', { name: '#portal-alerts' }).waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await ui?.remove();
  });

  it('acknowledges the whole storm when Acknowledge all is pressed on the engineers\' storm message', async () => {
    // Prepare: eight error-rate alarms; from the sixth on they are shown in one storm message
    for (let i = 0; i < 8; i++) {
      const event = errorRateAlarm(i, `page-storm-${i}`, stack.clock.now().toISOString());
      await fetch(`${stack.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
    }
    await stack.settled();
    const storm = page.locator('section[data-channel="portal-alerts"] .slack-message', { hasText: 'Storm: 3 alerts in trainee-portal' }).first();

    // Act
    await storm.locator('button[id="clarion.acknowledge-group"]').click();

    // Assess
    expect(await shown(storm.getByText(/Acknowledged by/))).toBe(true);
    expect(await storm.locator('button[id="clarion.acknowledge-group"]').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, '07-storm-acknowledged.png') });
  });
});
