import { describe, expect, it } from 'vitest';
import { renderProductLeads } from '../../templates/product-leads.ts';
import { allText } from '../integration/harness.ts';
import { makeAlert, makeLifecycle, makeRenderInput, makeSignal } from '../support/make-alert.ts';
import { blockText, headerText } from './message-text.ts';

const DATA = [{ name: 'Trainee records', staleAfter: '24h', whenStale: 'Changes made yesterday are not shown yet.' }];
const COMMS = { 'product-leads': 'The portal shows yesterday’s records.', 'data-leads': 'Last night’s update did not run. The records are a day old.' };

describe('Data leads (the product-leads template for another audience)', () => {
  it('shows data leads their own words, not the product leads’', () => {
    // Act
    const message = renderProductLeads(makeRenderInput({ template: 'product-leads', audience: 'data-leads', alert: makeAlert({ comms: COMMS, data: DATA }) }));

    // Assess
    expect([allText(message).includes('The records are a day old.'), allText(message).includes('yesterday’s records')]).toEqual([true, false]);
  });

  it('says since when the data may be out of date and what people will notice', () => {
    // Act
    const message = renderProductLeads(makeRenderInput({ template: 'product-leads', audience: 'data-leads', alert: makeAlert({ comms: COMMS, data: DATA }), timeZone: 'UTC' }));

    // Assess
    expect(allText(message)).toMatch(/Trainee records:\* may be out of date since <!date\^\d+\^\{time\}\|10:42 UTC>\. Changes made yesterday are not shown yet\./);
  });

  it('shows data leads their own words for the fixed state under the past-tense title', () => {
    // Prepare
    const comms = { 'product-leads': 'Trainee records are up to date again.', 'data-leads': 'The update has run. Records are up to date.' };
    const alert = makeAlert({ phase: 'resolved', comms, data: DATA, titleWhenFixed: 'Trainee records were a day old', signal: makeSignal({ state: 'resolved', time: '2026-11-22T10:48:00.000Z' }) });

    // Act
    const message = renderProductLeads(makeRenderInput({ template: 'product-leads', audience: 'data-leads', alert, lifecycle: makeLifecycle({ fixConfirmed: true, resolvedAt: '2026-11-22T10:48:00.000Z' }) }));

    // Assess
    expect([headerText(message), blockText(message, 'clarion.impact')]).toEqual(['Trainee records were a day old', 'The update has run. Records are up to date.']);
  });

  it('says the data is current again once the fix is confirmed', () => {
    // Prepare
    const alert = makeAlert({ phase: 'resolved', comms: COMMS, data: DATA, signal: makeSignal({ state: 'resolved', time: '2026-11-22T10:48:00.000Z' }) });

    // Act
    const message = renderProductLeads(makeRenderInput({ template: 'product-leads', audience: 'data-leads', alert, lifecycle: makeLifecycle({ fixConfirmed: true, resolvedAt: '2026-11-22T10:48:00.000Z' }), timeZone: 'UTC' }));

    // Assess
    expect(allText(message)).toMatch(/Trainee records:\* current again since <!date\^\d+\^\{time\}\|10:48 UTC>\./);
  });
});
