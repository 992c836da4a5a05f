// The preview page's Insights view in a real browser: alarms fired through the local stack over three days, two acknowledged, the charts and their tables read back.
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { ROOT } from '../integration/harness.ts';
import { eventually, startTestStack } from '../local-stack/stack-helpers.ts';
import { browserAvailable, buildPreviewPage, openPreview, shown } from './browser.ts';

/** Monday 23 November 2026, 09:00 in London (no office hours on the default stage). */
const START = new Date('2026-11-23T09:00:00Z');
const SHOTS = path.join(ROOT, 'test-results', 'e2e');

/**
 * What is fired each day (samples whose time the stack moves to its clock, so each opens on its day);
 * the error-rate alarm stays open, so its later firings are repeats of one incident.
 */
const DAYS = [
  ['app-down-alarm.json', 'error-rate-alarm.json', 'hostile-alarm.json'],
  ['placements-stale-alarm.json', 'error-rate-alarm.json', 'backup-failed.json'],
  ['nightly-sync-glue-failed.json', 'error-rate-alarm.json'],
];

describe.skipIf(!browserAvailable)('the preview page\'s Insights view', () => {
  let browser: Browser;
  let page: Page;
  let stack: LocalStack;
  let ui: Awaited<ReturnType<typeof buildPreviewPage>>;

  const post = (route: string, body: unknown) => fetch(`${stack.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const chart = (id: string) => page.locator(`section[data-chart="${id}"]`);
  /** The cells of a chart's table row, opened from its details. */
  const tableRow = async (id: string, header: string) => {
    const details = chart(id).locator('details');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    return chart(id).locator('tbody tr').filter({ has: page.locator('th', { hasText: header }) }).locator('td').allInnerTexts();
  };
  const totalIncidents = async () => Number(await page.locator('.insight-totals div', { hasText: /^Incidents/ }).locator('dd').innerText());

  /** Acknowledges the engineers' message whose text has `title`, as the Acknowledge button does. */
  const acknowledge = async (title: string) => {
    const alerts = stack.emulator.channels().find((c) => c.name === 'portal-alerts')!;
    const message = await eventually(() => stack.emulator.messages(alerts.id).find((m) => m.text.includes(title)), `the message "${title}"`);
    expect((await post('/api/press', { channel: alerts.id, ts: message.ts, actionId: 'clarion.acknowledge' })).status).toBe(200);
  };

  beforeAll(async () => {
    ui = await buildPreviewPage();
    stack = await startTestStack({ uiDir: ui.dir, now: () => START });
    await mkdir(SHOTS, { recursive: true });
    for (const [day, samples] of DAYS.entries()) {
      if (day > 0) await post('/api/clock', { advanceSeconds: 86_400 - 900 });
      for (const file of samples) expect((await post('/api/samples/fire', { file })).status).toBe(202);
      await stack.settled();
      // Acknowledged after three minutes on the first day, after twelve on the third.
      if (day === 0) {
        await post('/api/clock', { advanceSeconds: 180 });
        await acknowledge('The Trainee Portal is down');
      }
      if (day === 2) {
        await post('/api/clock', { advanceSeconds: 720 });
        await acknowledge('The overnight update of trainee records failed');
      }
      await stack.settled();
    }
    ({ browser, page } = await openPreview(`${stack.url}/#insights`));
    await page.getByRole('heading', { name: 'Insights', level: 2 }).waitFor();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await ui?.remove();
  });

  it('draws the three charts, each with a heading, a summary and a table', async () => {
    // Act
    await chart('incidents').locator('.recharts-bar-rectangle').first().waitFor();

    // Assess
    for (const [id, title] of [
      ['incidents', 'Incidents over time'],
      ['acknowledge', 'Time to acknowledge'],
      ['noisiest', 'Noisiest alerts'],
    ] as const) {
      expect(await shown(page.getByRole('heading', { name: title, level: 3 }))).toBe(true);
      expect(await chart(id).locator('svg.recharts-surface').count()).toBeGreaterThan(0);
      expect(await chart(id).locator('.insight-summary').innerText()).not.toBe('');
      expect(await chart(id).locator('details table').count()).toBe(1);
    }
    expect(await chart('acknowledge').locator('.recharts-line-curve').count()).toBe(2);
  });

  it('counts each day\'s incidents by severity in the table, a repeat counted once', async () => {
    // Act
    const days = [await tableRow('incidents', '2026-11-23'), await tableRow('incidents', '2026-11-24'), await tableRow('incidents', '2026-11-25')];

    // Assess: the last column is the day's total.
    expect(days.map((cells) => cells.at(-1))).toEqual(['3', '2', '1']);
    expect(await totalIncidents()).toBe(6);
  });

  it('gives the minutes to acknowledge of the day the incident opened', async () => {
    // Act
    const first = await tableRow('acknowledge', '2026-11-23');
    const third = await tableRow('acknowledge', '2026-11-25');

    // Assess: acknowledged, median, 90th percentile.
    expect(first).toEqual(['1', '3 min', '3 min']);
    expect(third).toEqual(['1', '12 min', '12 min']);
  });

  it('puts the alert that fired most at the top of the noisiest, and shows an uncatalogued alarm\'s name as the text it is', async () => {
    // Act
    const details = chart('noisiest').locator('details');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    const rows = await chart('noisiest').locator('tbody tr').allInnerTexts();

    // Assess
    expect(rows[0]).toMatch(/\t3\t1$/);
    const hostile = rows.find((row) => row.includes('none (uncatalogued)'));
    expect(hostile).toContain('<!channel>');
    expect(await chart('noisiest').locator('tbody a, tbody script, tbody b').count()).toBe(0);
  });

  it('has nothing axe-core finds against WCAG 2.2 AA in the view, its tables open', async () => {
    // Prepare
    for (const id of ['incidents', 'acknowledge', 'noisiest']) {
      const details = chart(id).locator('details');
      if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    }
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });

    // Act
    const { violations, passed } = await page.evaluate(async () => {
      type Rule = { id: string; nodes: Array<{ target: string[] }> };
      const axe = (window as unknown as { axe: { run(context: Element, options: unknown): Promise<{ violations: Rule[]; passes: Rule[] }> } }).axe;
      const result = await axe.run(document.querySelector('.insights')!, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
      return { violations: result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), passed: result.passes.map((p) => p.id) };
    });

    // Assess: nothing found, by rules that did look (colour contrast among them).
    expect(violations).toEqual([]);
    expect(passed).toContain('color-contrast');
  });

  it('refreshes on its own when another alarm fires', async () => {
    // Prepare
    const before = await totalIncidents();

    // Act
    expect((await post('/api/samples/fire', { file: 'release-pipeline-failed.json' })).status).toBe(202);

    // Assess
    await page.waitForFunction((n) => Number(document.querySelector('.insight-totals dd')?.textContent) === n, before + 1);
    expect(await totalIncidents()).toBe(before + 1);
  });

  it('shows the last seven days (eight calendar days, the first in part) when that period is picked', async () => {
    // Act
    await page.getByLabel('Period').selectOption('7d');
    await page.getByRole('button', { name: 'Refresh' }).click();

    // Assess
    await expect.poll(() => chart('incidents').locator('tbody tr').count()).toBe(8);
    await expect.poll(() => page.locator('p.status').innerText()).toContain('Insights refreshed');
    // A picture to look at (test-results/e2e/insights.png), tables folded as a visitor first sees them.
    for (const id of ['incidents', 'acknowledge', 'noisiest']) {
      const details = chart(id).locator('details');
      if ((await details.getAttribute('open')) !== null) await details.locator('summary').click();
    }
    await page.screenshot({ path: path.join(SHOTS, 'insights.png') });
  });
});
