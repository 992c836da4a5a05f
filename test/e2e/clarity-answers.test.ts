// The preview page in a real browser: No under the local offices' message opens "What was unclear?", its submission is signed and sent as Slack sends it, and the answer shows beside the entry in the catalog preview.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { ROOT } from '../integration/harness.ts';
import { startTestStack } from '../local-stack/stack-helpers.ts';
import { browserAvailable, buildPreviewPage, openPreview, shown } from './browser.ts';

const SHOTS = path.join(ROOT, 'test-results', 'e2e');

describe.skipIf(!browserAvailable)('the preview page: Was this clear?', () => {
  let browser: Browser;
  let page: Page;
  let stack: LocalStack;
  let ui: Awaited<ReturnType<typeof buildPreviewPage>>;

  const channel = (name: string) => page.locator(`section[data-channel="${name}"]`);
  const dialog = () => page.getByRole('dialog', { name: 'Was this clear?' });
  const answers = () => page.locator('section.clarity-answers');

  beforeAll(async () => {
    ui = await buildPreviewPage();
    // A Tuesday morning: clear of the shipped maintenance window (Saturdays 09:00–11:00), which keeps the portal's alerts from product leads.
    stack = await startTestStack({ uiDir: ui.dir, now: () => new Date('2026-11-24T10:00:00Z') });
    ({ browser, page } = await openPreview(stack.url));
    await page.getByRole('heading', { name: '#portal-local-offices' }).waitFor();
    await page.getByLabel('Sample event').selectOption('app-down-alarm.json');
    await page.getByRole('button', { name: 'Fire sample' }).click();
    await channel('portal-local-offices').locator('button[id="clarion.clarity-no"]').first().waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await ui?.remove();
  });

  it('opens "What was unclear?" as a form when No is pressed', async () => {
    // Act
    await channel('portal-local-offices').locator('button[id="clarion.clarity-no"]').first().click();

    // Assess
    expect(await shown(dialog().getByLabel('What was unclear?'))).toBe(true);
  });

  it('closes the form once it is sent', async () => {
    // Prepare
    await dialog().getByLabel('What was unclear?').fill('Which offices? <b>all</b>?');

    // Act
    await dialog().getByRole('button', { name: 'Send' }).click();

    // Assess
    await dialog().waitFor({ state: 'detached' });
    expect(stack.emulator.views()).toEqual([]);
  });

  it('tells the reader alone that the answer was kept, under the channel, as Slack shows an ephemeral line', async () => {
    // Assess
    const note = channel('portal-local-offices').locator('[data-ephemeral]').first();
    await note.waitFor();
    expect(await note.textContent()).toContain('Only visible to you');
  });

  it('shows the answer and the comment, as written, beside the entry in the catalog preview', async () => {
    // Act
    await page.getByRole('button', { name: 'Catalog preview' }).click();
    await page.getByLabel('Catalog entry').selectOption('portal.app-down');

    // Assess
    const row = answers().locator('tr[data-audience="local-office"][data-state="firing"]');
    expect(await shown(row.getByText('Which offices? <b>all</b>?'))).toBe(true);
    expect(await row.locator('td').nth(3).textContent()).toBe('1');
    expect(await answers().locator('b').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, '09-clarity-answers.png') });
  });
});
