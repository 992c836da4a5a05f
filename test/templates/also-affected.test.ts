import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../templates/index.ts';
import { allText } from '../integration/harness.ts';
import { makeLifecycle, makeRenderInput } from '../support/make-alert.ts';

const folded = (names: string[], more = 0) => makeLifecycle({ alsoAffected: { listed: names.map((name) => ({ title: 'Some pages fail', name })), more } });

describe('Engineers\' message: alerts folded under it', () => {
  it('lists each folded alert by title and alarm name', () => {
    // Act
    const message = renderMessage(makeRenderInput({ template: 'techies', lifecycle: folded(['portal-1-5xx-rate']) }));

    // Assess
    expect(allText(message)).toContain('*Also affected because of this:*\n• Some pages fail (`portal-1-5xx-rate`)');
  });

  it('says how many more there are beyond the ones listed', () => {
    // Act
    const message = renderMessage(makeRenderInput({ template: 'techies', lifecycle: folded(['a'], 12) }));

    // Assess
    expect(allText(message)).toContain('… and 12 more');
  });

  it('escapes an alarm name that tries to mention everyone', () => {
    // Act
    const message = renderMessage(makeRenderInput({ template: 'techies', lifecycle: folded(['<!channel> *boom*']) }));

    // Assess
    expect(allText(message)).not.toContain('<!channel>');
  });

  it('shows nothing folded on product leads\' messages', () => {
    // Act
    const message = renderMessage(makeRenderInput({ template: 'product-leads', audience: 'product-leads', lifecycle: folded(['portal-1-5xx-rate']) }));

    // Assess
    expect(allText(message)).not.toContain('Also affected');
  });
});
