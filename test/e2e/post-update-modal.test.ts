// The preview page in a real browser: *Post an update* opens the app's modal as a form over the page; a submission is signed and sent as Slack sends it.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { ROOT } from '../integration/harness.ts';
import { startTestStack } from '../local-stack/stack-helpers.ts';
import { browserAvailable, buildPreviewPage, openPreview, shown } from './browser.ts';

const SHOTS = path.join(ROOT, 'test-results', 'e2e');

describe.skipIf(!browserAvailable)('the preview page: Post an update', () => {
  let browser: Browser;
  let page: Page;
  let stack: LocalStack;
  let ui: Awaited<ReturnType<typeof buildPreviewPage>>;

  const channel = (name: string) => page.locator(`section[data-channel="${name}"]`);
  const dialog = () => page.getByRole('dialog', { name: 'Post an update' });
  const pressPostUpdate = () => channel('portal-alerts').locator('button[id="clarion.post-update"]').first().click();

  beforeAll(async () => {
    ui = await buildPreviewPage();
    // A Tuesday morning: clear of the shipped maintenance window (Saturdays 09:00–11:00), which keeps the portal's alerts from product leads.
    stack = await startTestStack({ uiDir: ui.dir, now: () => new Date('2026-11-24T10:00:00Z') });
    ({ browser, page } = await openPreview(stack.url));
    await page.getByRole('heading', { name: '#portal-alerts' }).waitFor();
    await page.getByLabel('Sample event').selectOption('app-down-alarm.json');
    await page.getByRole('button', { name: 'Fire sample' }).click();
    await channel('portal-alerts').locator('button[id="clarion.post-update"]').first().waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await ui?.remove();
  });

  it('opens the modal as a form with the update and the audiences to tick', async () => {
    // Act
    await pressPostUpdate();

    // Assess
    expect(await shown(dialog().getByLabel('Update'))).toBe(true);
    expect(await dialog().getByRole('checkbox', { name: /product-leads/ }).isChecked()).toBe(true);
  });

  it('closes the form on Cancel, posting nothing', async () => {
    // Act
    await dialog().getByRole('button', { name: 'Cancel' }).click();

    // Assess
    await dialog().waitFor({ state: 'detached' });
    expect([stack.emulator.views().length, await channel('portal-status').getByText('Update from the engineers').count()]).toEqual([0, 0]);
  });

  it('shows the jargon found under the text and keeps the form open', async () => {
    // Prepare
    await pressPostUpdate();
    await dialog().getByLabel('Update').fill('The API has a timeout.');

    // Act
    await dialog().getByRole('button', { name: 'Post update' }).click();

    // Assess
    expect(await shown(dialog().getByRole('alert').getByText(/"API"/))).toBe(true);
    expect(await dialog().getByLabel('Update').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: path.join(SHOTS, '07-post-update-jargon.png') });
  });

  it('posts a plain update to the product leads and local offices, and closes the form', async () => {
    // Prepare
    await dialog().getByLabel('Update').fill('Some people cannot log in. We expect it to work again by 11:00.');

    // Act
    await dialog().getByRole('button', { name: 'Post update' }).click();

    // Assess
    await dialog().waitFor({ state: 'detached' });
    expect(await shown(channel('portal-status').getByText(/Some people cannot log in/).first())).toBe(true);
    expect(await shown(channel('portal-local-offices').getByText(/An update about the Trainee Portal/).first())).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, '08-post-update-posted.png') });
  });
});
