// Review of the SLO forecast in messages re-rendered later (a press, an update): a run-out time already past is not told as still to come.
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../templates/index.ts';
import { makeAlert, makeRenderInput, makeSloView } from '../support/make-alert.ts';
import { blockText } from '../templates/message-text.ts';

/** Figures read at 10:00 that forecast the run-out at 14:00; the message is drawn again at 16:00. */
const LATER = new Date('2026-12-02T16:00:00Z');
const VIEW = makeSloView();

function render(template: 'techies' | 'product-leads') {
  return renderMessage(makeRenderInput({ template, audience: template, alert: makeAlert({ slo: VIEW, phase: 'firing' }), now: LATER }));
}

describe('SLO review: a forecast already past when the message is drawn again', () => {
  it('tells product leads the forecast as of the time it was read, not as still to come', () => {
    // Act
    const message = render('product-leads');

    // Assess
    expect(blockText(message, 'clarion.slo')).toBe(
      "At the rate read at 10:00 GMT today, we would have used up this month's allowance for slow page loads by 14:00 GMT today.\n*This month's allowance for slow page loads:* `▓▓▓▓▓▓░░░░ 62% left`",
    );
  });

  it('tells engineers the run-out as of the time the figures were read', () => {
    // Act
    const message = render('techies');

    // Assess
    expect(blockText(message, 'clarion.slo')).toContain('*Budget left:* `▓▓▓▓▓▓░░░░ 62% left` of 30d · at the rate read at 10:00 GMT today, it would have run out at 14:00 GMT today');
  });
});
