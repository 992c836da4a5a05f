import { describe, expect, it } from 'vitest';
import { renderChangeNotice } from '../../templates/change-notice.ts';
import { renderLocalOffice } from '../../templates/local-office.ts';
import { makeAlert, makeLifecycle, makeRenderInput, makeSignal } from '../support/make-alert.ts';
import { allText } from '../integration/harness.ts';

const resolved = (comms: Record<string, string> = {}) =>
  makeAlert({ phase: 'resolved', comms, signal: makeSignal({ state: 'resolved', time: '2026-11-22T10:40:00.000Z' }) });

describe('Change notices for non-technical audiences', () => {
  it('tells local offices it is fixed since when, with the all-clear to forward', () => {
    // Act
    const message = renderChangeNotice(
      makeRenderInput({ template: 'local-office', audience: 'local-office', alert: resolved({ 'local-office': 'It works again. Thank you.' }), timeZone: 'UTC' }),
      'fixed',
    );

    // Assess
    expect([allText(message!), message!.text]).toEqual([expect.stringMatching(/Fixed\.\* It has worked again since.*The problem was:.*forward this to users.*It works again\. Thank you\./s), expect.stringContaining('Fixed since 10:40')]);
  });

  it('tells product leads it broke again, with what users notice', () => {
    // Act
    const message = renderChangeNotice(makeRenderInput({ template: 'product-leads', audience: 'product-leads', alert: makeAlert({ comms: {} }) }), 'broken-again');

    // Assess
    expect(allText(message!)).toMatch(/Broken again\* since .*after it was fixed.*The problem:/s);
  });

  it('has nothing for the engineers, who follow every step in their own thread', () => {
    // Act
    const message = renderChangeNotice(makeRenderInput({ template: 'techies' }), 'fixed');

    // Assess
    expect(message).toBeUndefined();
  });

  it('tells local offices an engineer is working on it once someone acknowledged it, without a name', () => {
    // Act
    const message = renderLocalOffice(makeRenderInput({ template: 'local-office', audience: 'local-office', lifecycle: makeLifecycle({ acknowledgedBy: 'U024BE7LH' }) }));

    // Assess
    expect([allText(message).includes('An engineer is working on it'), allText(message).includes('U024BE7LH')]).toEqual([true, false]);
  });
});
