import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../templates/index.ts';
import { makeAlert, makeRenderInput } from '../support/make-alert.ts';
import { visibleText } from './message-text.ts';

const localOffice = (statusPageUrl?: string) =>
  renderMessage(makeRenderInput({ template: 'local-office', audience: 'local-office', alert: makeAlert(), ...(statusPageUrl ? { statusPageUrl } : {}) }));

describe('local-office template: the status page link', () => {
  it('links the status page when its address is known', () => {
    // Act
    const message = localOffice('https://status.example.org/k3Lr9vQ2mX8pT4wZ/');

    // Assess
    expect(visibleText(message)).toContain('<https://status.example.org/k3Lr9vQ2mX8pT4wZ/|status page>');
  });

  it('shows no link when no address is known', () => {
    // Act
    const message = localOffice();

    // Assess
    expect(message.blocks.some((block) => block.block_id === 'clarion.status-page')).toBe(false);
  });

  it('leaves out an address that could break out of the link', () => {
    // Act
    const message = localOffice('https://status.example.org/|<!channel>');

    // Assess
    expect([message.blocks.some((block) => block.block_id === 'clarion.status-page'), visibleText(message).includes('<!channel>')]).toEqual([false, false]);
  });
});
