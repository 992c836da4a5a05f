// The preview page's Fast-forward control in a real browser: it shows the stack's time, moves it, and the quiet period's "fixed" comes due.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { startTestStack } from '../local-stack/stack-helpers.ts';
import { browserAvailable, buildPreviewPage, openPreview, shown } from './browser.ts';

/** Tuesday 24 November 2026, 10:00 UTC: no office hours on the default stage, so product leads are told at once. */
const START = new Date('2026-11-24T10:00:00Z');

describe.skipIf(!browserAvailable)('the preview page\'s Fast-forward control', () => {
  let browser: Browser;
  let page: Page;
  let stack: LocalStack;
  let ui: Awaited<ReturnType<typeof buildPreviewPage>>;

  const channel = (name: string) => page.locator(`section[data-channel="${name}"]`);
  const controls = () => page.getByRole('group', { name: 'Fast-forward' });
  const stackTime = () => page.getByTestId('stack-time');
  /** Presses a step and waits for the page to show the time it moved to. */
  const fastForward = async (label: string, seconds: number) => {
    const before = Date.parse((await stackTime().getAttribute('datetime'))!);
    await controls().getByRole('button', { name: label }).click();
    await page.locator(`[data-testid="stack-time"][datetime="${new Date(before + seconds * 1000).toISOString()}"]`).waitFor();
  };
  const fire = async (sample: string) => {
    await page.getByLabel('Sample event').selectOption(sample);
    await page.getByRole('button', { name: 'Fire sample' }).click();
  };

  beforeAll(async () => {
    ui = await buildPreviewPage();
    stack = await startTestStack({ uiDir: ui.dir, now: () => START });
    ({ browser, page } = await openPreview(stack.url));
    await page.getByRole('heading', { name: '#portal-alerts' }).waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await ui?.remove();
  });

  it('shows the stack\'s time', async () => {
    // Act
    await stackTime().waitFor();

    // Assess
    expect(await stackTime().getAttribute('datetime')).toBe(START.toISOString());
  });

  it('moves the clock by the step pressed, from the keyboard, and shows the new time', async () => {
    // Prepare
    const before = Date.parse((await stackTime().getAttribute('datetime'))!);
    await controls().getByRole('button', { name: '+5 min' }).focus();

    // Act
    await page.keyboard.press('Enter');

    // Assess
    await page.locator(`[data-testid="stack-time"][datetime="${new Date(before + 5 * 60_000).toISOString()}"]`).waitFor();
    expect(await page.getByRole('status').innerText()).toContain('Clock moved to');
  });

  it('tells product leads the portal is fixed once the quiet period is fast-forwarded', async () => {
    // Prepare: down, then OK five minutes later.
    await fire('app-down-alarm.json');
    await channel('portal-status').getByText('The Trainee Portal is down').first().waitFor();
    await fastForward('+5 min', 5 * 60);
    await fire('app-down-ok.json');
    await channel('portal-status').getByText(/Looks fixed — checking it stays fixed/).first().waitFor();
    const fixedBefore = await channel('portal-status').getByText(/Fixed after 5 minutes/).count();

    // Act
    await fastForward('+15 min', 15 * 60);

    // Assess
    expect(fixedBefore).toBe(0);
    expect(await shown(channel('portal-status').getByText(/Fixed after 5 minutes/).first())).toBe(true);
  });

  it('disables every step while a move runs', async () => {
    // Prepare: hold the answer until the test has looked.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/clock', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      await held;
      return route.continue();
    });

    // Act
    await controls().getByRole('button', { name: '+1 h' }).click();
    const disabled = () => controls().getByRole('button').evaluateAll((buttons) => buttons.map((b) => (b as HTMLButtonElement).disabled));
    await expect.poll(disabled, { timeout: 10_000 }).toEqual([true, true, true, true]);
    release();

    // Assess
    await expect.poll(() => controls().getByRole('button', { name: '+1 h' }).isEnabled(), { timeout: 10_000 }).toBe(true);
    await page.unroute('**/api/clock');
  });
});
