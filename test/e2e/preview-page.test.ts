// The preview page in a real browser (Debian chromium through playwright-core): events, buttons, live updates, catalog edits.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { ROOT } from '../integration/harness.ts';
import { copyCatalog, startTestStack } from '../local-stack/stack-helpers.ts';
import { browserAvailable as available, buildPreviewPage, openPreview, shown } from './browser.ts';

const SHOTS = path.join(ROOT, 'test-results', 'e2e');
const ROUTED = ['portal-alerts', 'portal-status', 'portal-local-offices'];

describe.skipIf(!available)('the preview page in a browser', () => {
  let browser: Browser;
  let page: Page;
  let stack: LocalStack;
  let ui: Awaited<ReturnType<typeof buildPreviewPage>>;
  let catalog: Awaited<ReturnType<typeof copyCatalog>>;

  const channel = (name: string) => page.locator(`section[data-channel="${name}"]`);
  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
  const fire = async (sample: string) => {
    await page.getByLabel('Sample event').selectOption(sample);
    await page.getByRole('button', { name: 'Fire sample' }).click();
  };

  beforeAll(async () => {
    ui = await buildPreviewPage();
    catalog = await copyCatalog();
    // A Tuesday morning: clear of the shipped maintenance window (Saturdays 09:00–11:00), which keeps the portal's alerts from product leads.
    stack = await startTestStack({ catalogDir: catalog.dir, uiDir: ui.dir, now: () => new Date('2026-11-24T10:00:00Z') });
    await mkdir(SHOTS, { recursive: true });
    ({ browser, page } = await openPreview(stack.url));
    await page.getByRole('heading', { name: '#portal-alerts' }).waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await catalog?.remove();
    await ui?.remove();
  });

  it('shows a fired sample in every channel the alert is routed to', async () => {
    // Act
    await fire('app-down-alarm.json');

    // Assess
    for (const name of ROUTED) expect(await shown(channel(name).getByText('The Trainee Portal is down').first())).toBe(true);
    await shot('01-app-down-fired');
  });

  it('updates every audience\'s message when Acknowledge is pressed', async () => {
    // Act
    await channel('portal-alerts').locator('button[id="clarion.acknowledge"]').first().click();

    // Assess
    for (const name of ROUTED) expect(await shown(channel(name).getByText(/edited 1 time/).first())).toBe(true);
    expect(await shown(channel('portal-alerts').getByText(/Acknowledged by/).first())).toBe(true);
    await shot('02-acknowledged');
  });

  it('shows the alert resolved when the matching OK event arrives', async () => {
    // Act
    await fire('app-down-ok.json');

    // Assess
    expect(await shown(channel('portal-alerts').getByText(/Resolved/).first())).toBe(true);
    expect(await shown(channel('portal-status').getByText(/working again/).first())).toBe(true);
    await shot('03-resolved');
  });

  it('tells local offices on request, after the confirmation, when the entry does not route them', async () => {
    // Prepare
    await fire('overnight-sync-custom.json');
    const message = channel('portal-alerts').locator('.slack-message', { hasText: 'The overnight sync says it could not finish' }).first();

    // Act
    await message.locator('button[id="clarion.tell-local-offices"]').click();
    await message.locator('.slack_blocks_to_jsx__confirm_dialog button', { hasText: 'Tell them' }).click();

    // Assess
    expect(await shown(channel('portal-local-offices').getByText('New trainee records did not come in last night').first())).toBe(true);
    await shot('04-told-local-offices');
  });

  it('re-renders the catalog preview for every audience when a catalog file is edited', async () => {
    // Prepare
    await page.getByRole('button', { name: 'Catalog preview' }).click();
    await page.getByLabel('Catalog entry').selectOption('portal.app-down');
    expect(await shown(page.locator('section[data-audience="local-office"]').getByText('The Trainee Portal is down').first())).toBe(true);
    const file = path.join(catalog.dir, 'portal.yaml');

    // Act
    await writeFile(file, (await readFile(file, 'utf8')).replace('title: The Trainee Portal is down', 'title: The Trainee Portal has stopped working'));

    // Assess
    for (const audience of ['techies', 'product-leads', 'local-office']) {
      expect(await shown(page.locator(`section[data-audience="${audience}"]`).getByText('The Trainee Portal has stopped working').first())).toBe(true);
    }
    await shot('05-catalog-preview-after-edit');
  });
});

describe.skipIf(!available)('the preview page at night, as the production stage', () => {
  let browser: Browser;
  let page: Page;
  let stack: LocalStack;
  let ui: Awaited<ReturnType<typeof buildPreviewPage>>;

  beforeAll(async () => {
    ui = await buildPreviewPage();
    // Monday 02:10 in London: product leads and local offices hold until office hours start.
    stack = await startTestStack({ uiDir: ui.dir, stage: 'prod', now: () => new Date('2026-11-23T02:10:00Z') });
    ({ browser, page } = await openPreview(stack.url));
    await page.getByRole('heading', { name: 'Office hours' }).waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await ui?.remove();
  });

  it('shows what is held overnight and posts the summary when asked', async () => {
    // Prepare
    await page.getByLabel('Sample event').selectOption('app-down-alarm.json');
    await page.getByRole('button', { name: 'Fire sample' }).click();
    expect(await shown(page.getByTestId('held-count').getByText('1'))).toBe(true);

    // Act
    await page.getByRole('button', { name: 'Post the summary now' }).click();

    // Assess
    expect(await shown(page.locator('section[data-channel="portal-status"]').getByText('While you were away: the Trainee Portal'))).toBe(true);
    expect(await shown(page.getByTestId('held-count').getByText('0'))).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, '06-overnight-summary.png') });
  });
});
