// An engineer's update as each audience reads it, and the form it is written in, within Slack's limits.
import { describe, expect, it } from 'vitest';
import { findBlockErrors, findViewErrors } from '../../src/local/slack-emulator-blocks.ts';
import { renderUpdateModal, UPDATE_TEXT_MAX } from '../../templates/update-modal.ts';
import { renderUpdateNotice } from '../../templates/update-notice.ts';
import { makeAlert, makeRenderInput } from '../support/make-alert.ts';
import { blockText } from './message-text.ts';

const AT = new Date('2026-11-22T10:42:00Z');

describe('Update notice', () => {
  it('tells product leads the update with the time it was posted', () => {
    // Act
    const notice = renderUpdateNotice(makeRenderInput({ template: 'product-leads', audience: 'product-leads' }), { text: 'Back by 11:00.', at: AT });

    // Assess
    expect(notice?.text).toMatch(/^Update from the engineers \(10:42 GMT\): .* — Back by 11:00\.$/);
  });

  it('gives local offices a version naming the service, to forward to users', () => {
    // Act
    const notice = renderUpdateNotice(makeRenderInput({ template: 'local-office', audience: 'local-office', serviceName: 'the Trainee Portal' }), { text: 'Back by 11:00.', at: AT });

    // Assess
    expect(blockText(notice!, 'clarion.forward')).toBe('>An update about the Trainee Portal: Back by 11:00.');
  });

  it('quotes every line of a multi-line update in the forwardable version', () => {
    // Act
    const notice = renderUpdateNotice(makeRenderInput({ template: 'local-office', audience: 'local-office', serviceName: 'the Trainee Portal' }), { text: 'Line one.\nLine two.', at: AT });

    // Assess
    expect(blockText(notice!, 'clarion.forward')).toBe('>An update about the Trainee Portal: Line one.\n>Line two.');
  });

  it('renders nothing for the engineers, who get a note in their own thread', () => {
    // Act
    const notice = renderUpdateNotice(makeRenderInput({ template: 'techies' }), { text: 'Back by 11:00.', at: AT });

    // Assess
    expect(notice).toBeUndefined();
  });

  it('stays within Slack’s block limits for the longest update the form takes', () => {
    // Act
    const notice = renderUpdateNotice(makeRenderInput({ template: 'local-office', audience: 'local-office' }), { text: 'a'.repeat(UPDATE_TEXT_MAX), at: AT });

    // Assess
    expect(findBlockErrors(notice!.blocks)).toEqual([]);
  });
});

describe('Update form', () => {
  it('is a modal Slack accepts, with the audiences ticked at first', () => {
    // Act
    const view = renderUpdateModal({ alertKey: 'portal.app-down|x', title: makeAlert().title, audiences: [{ name: 'product-leads', description: 'Leads' }, { name: 'local-office' }] });

    // Assess
    const audiences = view.blocks.find((b) => b.block_id === 'clarion.update-audiences') as { element: { initial_options: Array<{ value: string }> } };
    expect([findViewErrors(view), audiences.element.initial_options.map((o) => o.value)]).toEqual([[], ['product-leads', 'local-office']]);
  });

  it('says there is nobody to update, with nothing to submit, when only the engineers have a message', () => {
    // Act
    const view = renderUpdateModal({ alertKey: 'portal.app-down|x', title: 'The portal is down', audiences: [] });

    // Assess
    expect([findViewErrors(view), view.submit, view.blocks.some((b) => b.type === 'input')]).toEqual([[], undefined, false]);
  });

  it('shows an alert title from the event as inert text', () => {
    // Act
    const view = renderUpdateModal({ alertKey: 'k', title: '<!channel> *down*', audiences: [{ name: 'product-leads' }] });

    // Assess
    expect(JSON.stringify(view.blocks[0])).not.toContain('<!channel>');
  });
});
