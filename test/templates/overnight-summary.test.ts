import { describe, expect, it } from 'vitest';
import { renderOvernightSummary } from '../../templates/overnight-summary.ts';
import type { SummaryItem, SummaryRenderInput } from '../../templates/overnight-summary.ts';
import { allText } from '../integration/harness.ts';

const NOW = new Date('2026-11-23T09:00:00Z');

function item(overrides: Partial<SummaryItem> = {}): SummaryItem {
  return {
    title: 'The Trainee Portal is down',
    state: 'not-fixed',
    startedAt: new Date('2026-11-23T02:10:00Z'),
    acknowledged: false,
    impact: 'Nobody can use the Trainee Portal.',
    catalogId: 'portal.app-down',
    severity: 'critical',
    ...overrides,
  };
}

function render(items: SummaryItem[], overrides: Partial<SummaryRenderInput> = {}) {
  return renderOvernightSummary({
    items,
    moreNotices: 0,
    template: 'local-office',
    now: NOW,
    timeZone: 'Europe/London',
    serviceName: 'the Trainee Portal',
    officeHours: 'Mon–Fri 09:00–17:30',
    foldAt: 5,
    onRequest: false,
    ...overrides,
  });
}

describe('Template: the summary when office hours start', () => {
  it('says when an alert fixed overnight went wrong and was fixed, and that nothing is needed', () => {
    // Act
    const message = render([item({ state: 'fixed', resolvedAt: new Date('2026-11-23T03:05:00Z') })]);

    // Assess
    const text = allText(message);
    expect(text).toContain('One thing happened outside office hours. Everything is working now.');
    expect(text).toContain('Went wrong at <!date^1795399800^{date_short_pretty} at {time}|23 Nov 2026 at 02:10 GMT>');
    expect(text).toContain('was fixed at <!date^1795403100^{date_short_pretty} at {time}|23 Nov 2026 at 03:05 GMT>. Nothing to do now.');
  });

  it('lists what is not fixed yet first, then the rest in the order it happened', () => {
    // Prepare
    const items = [
      item({ title: 'Early, fixed', state: 'fixed', startedAt: new Date('2026-11-23T01:00:00Z'), resolvedAt: new Date('2026-11-23T01:30:00Z') }),
      item({ title: 'Late, broken', startedAt: new Date('2026-11-23T05:00:00Z') }),
      item({ title: 'Checking', state: 'checking', startedAt: new Date('2026-11-23T00:30:00Z'), resolvedAt: new Date('2026-11-23T08:55:00Z') }),
    ];

    // Act
    const message = render(items);

    // Assess
    const order = ['Late, broken', 'Checking', 'Early, fixed'].map((title) => allText(message).indexOf(title));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(allText(message)).toContain('3 things happened outside office hours. One is not fixed yet.');
  });

  it('tells whether an engineer is already working on an alert that is not fixed', () => {
    // Act
    const message = render([item({ acknowledged: true })]);

    // Assess
    expect(allText(message)).toContain('An engineer is working on it.');
  });

  it('escapes alert titles so they cannot ping, link or format', () => {
    // Act
    const message = render([item({ title: '<!channel> *down* <https://evil.example|click>' })]);

    // Assess
    const text = allText(message);
    expect(text).not.toMatch(/<!channel>|<https:/);
    expect(text).toContain('&lt;!channel&gt;');
  });

  it('gives engineers the severity and catalog id, and other readers neither', () => {
    // Act
    const techies = allText(render([item()], { template: 'techies' }));
    const office = allText(render([item()]));

    // Assess
    expect(techies).toContain('Critical · `portal.app-down`');
    expect(office).not.toContain('portal.app-down');
  });

  it('folds a storm of one group into one line', () => {
    // Prepare
    const items = Array.from({ length: 6 }, (_, i) => item({ title: `Part ${i} is failing`, group: 'trainee-portal', state: i < 4 ? 'fixed' : 'not-fixed' }));

    // Act
    const message = render(items);

    // Assess
    const text = allText(message);
    expect(text).toContain('6 problems at once');
    expect(text).toContain('2 not fixed yet');
    expect(text).not.toContain('Part 0 is failing');
  });

  it('lists at most fifteen lines and counts the rest', () => {
    // Prepare
    const items = Array.from({ length: 20 }, (_, i) => item({ title: `Problem ${i}`, state: 'notice' }));

    // Act
    const message = render(items, { moreNotices: 3 });

    // Assess
    expect(message.blocks.filter((b) => b.block_id?.startsWith('clarion.item.'))).toHaveLength(15);
    expect(allText(message)).toContain('…and 8 more.');
  });

  it('says when a summary was posted early on request', () => {
    // Act
    const message = render([item()], { onRequest: true, officeHours: undefined });

    // Assess
    expect(allText(message)).toContain('Held outside office hours and posted early, on request, at');
  });
});
