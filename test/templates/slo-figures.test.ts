// An SLO alert's figures in each template: burn rates for engineers, the allowance in one sentence for product leads, the bar for local offices.
import { describe, expect, it } from 'vitest';
import type { SloView } from '../../src/core/alert.ts';
import { renderMessage } from '../../templates/index.ts';
import { makeAlert, makeRenderInput, makeSignal, makeSloView } from '../support/make-alert.ts';
import { blockText } from './message-text.ts';

const NOW = new Date('2026-12-02T10:00:00Z');

const view = makeSloView;

function render(template: 'techies' | 'product-leads' | 'local-office', slo: SloView, phase: 'firing' | 'resolved' | 'noData' = 'firing') {
  const alert = makeAlert({ slo, phase, ...(phase === 'resolved' ? { signal: makeSignal({ state: 'resolved' }) } : {}) });
  return renderMessage(makeRenderInput({ template, audience: template, alert, now: NOW }));
}

describe('templates: SLO figures', () => {
  it('tells engineers both burn rates, the budget bar and when it runs out', () => {
    // Act
    const message = render('techies', view());

    // Assess
    expect(blockText(message, 'clarion.slo')).toBe(
      '*Burning the budget 14.9× too fast* over the last hour, 16.2× over 5 minutes (alarm at 14.4×).\n' +
        '*Budget left:* `▓▓▓▓▓▓░░░░ 62% left` of 30d · runs out at 14:00 GMT today at this rate\n' +
        '*Objective:* 99% over 30d · AWS/ApplicationELB TargetResponseTime at or under 2s',
    );
  });

  it('tells engineers the figures read show no burn, not that the budget burns "0.4× too fast", when the alarm fired on data they do not show', () => {
    // Act
    const message = render('techies', view({ long: { window: '1h', burnRate: 0.4 }, short: { window: '5m', burnRate: 0 } }));

    // Assess
    expect(blockText(message, 'clarion.slo').split('\n')[0]).toBe('*Burn rate:* 0.4× over the last hour, 0.0× over 5 minutes (alarm at 14.4×): the figures read now show no burn faster than the budget allows.');
  });

  it('tells engineers the burn rate is unknown when the figures could not be read', () => {
    // Act
    const message = render('techies', view(null));

    // Assess
    expect(blockText(message, 'clarion.slo')).toMatch(/^\*Burn rate unknown:\* the figures could not be read; the alarm itself fired \(it fires above 14\.4× over both windows\)\./);
  });

  it('shows engineers only the objective once the burn stops', () => {
    // Act
    const message = render('techies', view(), 'resolved');

    // Assess
    expect(blockText(message, 'clarion.slo')).toBe('*Objective:* 99% over 30d · AWS/ApplicationELB TargetResponseTime at or under 2s');
  });

  it('shows engineers only the objective while the alarm has no data, since no figures were read', () => {
    // Act
    const message = render('techies', view(null), 'noData');

    // Assess
    expect(blockText(message, 'clarion.slo')).toBe('*Objective:* 99% over 30d · AWS/ApplicationELB TargetResponseTime at or under 2s');
  });

  it('tells product leads when this month\'s allowance runs out at this rate, with the bar', () => {
    // Act
    const message = render('product-leads', view());

    // Assess
    expect(blockText(message, 'clarion.slo')).toBe("At this rate we will use up this month's allowance for slow page loads by 14:00 GMT today.\n*This month's allowance for slow page loads:* `▓▓▓▓▓▓░░░░ 62% left`");
  });

  it('puts the forecast in the product leads\' notification text', () => {
    // Act
    const message = render('product-leads', view());

    // Assess
    expect(message.text).toContain("At this rate we will use up this month's allowance for slow page loads by 14:00 GMT today.");
  });

  it('tells product leads the allowance is used up once it is', () => {
    // Act
    const message = render('product-leads', view({ budgetLeft: -0.3, runsOutAt: undefined }));

    // Assess
    expect(blockText(message, 'clarion.slo')).toBe("We have used up this month's allowance for slow page loads.\n*This month's allowance for slow page loads:* `░░░░░░░░░░ used up`");
  });

  it('shows product leads nothing of the figures when they could not be read', () => {
    // Act
    const message = render('product-leads', view(null));

    // Assess
    expect(blockText(message, 'clarion.slo')).toBe('');
  });

  it('shows product leads no forecast once the burn stops', () => {
    // Act
    const message = render('product-leads', view(), 'resolved');

    // Assess
    expect(blockText(message, 'clarion.slo')).toBe('');
  });

  it('shows local offices the allowance as a bar in words', () => {
    // Act
    const message = render('local-office', view());

    // Assess
    expect(blockText(message, 'clarion.slo')).toBe("*This month's allowance for slow page loads:* `▓▓▓▓▓▓░░░░ 62% left`");
  });
});
