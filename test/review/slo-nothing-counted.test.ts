// Review of the SLO figures when the metric counted nothing (it stopped reporting, or the local stack was fed nothing): engineers read plain words, not "unknown too fast".
import { describe, expect, it } from 'vitest';
import type { SloView } from '../../src/core/alert.ts';
import { renderMessage } from '../../templates/index.ts';
import { makeAlert, makeRenderInput, makeSloView, SLO_FIGURES } from '../support/make-alert.ts';
import { blockText } from '../templates/message-text.ts';

const NOW = new Date('2026-12-02T10:00:00Z');

function view(long: number | null, short: number | null): SloView {
  // Nothing to forecast from: no run-out time.
  const { runsOutAt: _unread, ...read } = SLO_FIGURES;
  return { ...makeSloView(null), figures: { ...read, long: { window: '1h', burnRate: long }, short: { window: '5m', burnRate: short }, budgetLeft: null } };
}

function engineersRead(slo: SloView): string {
  return blockText(renderMessage(makeRenderInput({ template: 'techies', audience: 'techies', alert: makeAlert({ slo, phase: 'firing' }), now: NOW })), 'clarion.slo');
}

describe('SLO review: nothing counted', () => {
  it('tells engineers nothing was counted over either window, not that the budget burns "unknown too fast"', () => {
    // Act
    const text = engineersRead(view(null, null));

    // Assess
    expect(text.split('\n')[0]).toBe('*Burn rate unknown:* nothing was counted over the last hour nor over 5 minutes (alarm at 14.4×).');
  });

  it('tells engineers the long window\'s burn and that the short one counted nothing', () => {
    // Act
    const text = engineersRead(view(15, null));

    // Assess
    expect(text.split('\n')[0]).toBe('*Burning the budget 15× too fast* over the last hour, nothing counted over 5 minutes (alarm at 14.4×).');
  });
});
