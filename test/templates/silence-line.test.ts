// The quiet line a silence keeps in the engineers' channel, and the Silence… form: escaped, within Slack's limits, saying what people need.
import { describe, expect, it } from 'vitest';
import { findLimitViolations } from '../../src/slack/limits.ts';
import { renderSilenceLine } from '../../templates/silence-line.ts';
import type { SilenceLineInput } from '../../templates/silence-line.ts';
import { renderSilenceModal } from '../../templates/silence-modal.ts';

const base: SilenceLineInput = {
  id: 'abc123',
  kind: 'glob',
  match: 'portal.*',
  endsAt: '2026-11-24T12:00:00.000Z',
  reason: 'Moving the portal',
  createdBy: 'U0ONCALL1',
  held: { count: 0, keys: [] },
  timeZone: 'Europe/London',
};
const textOf = (m: { text: string; blocks: unknown[] }) => `${m.text}\n${JSON.stringify(m.blocks)}`;

describe('the quiet line', () => {
  it('says what is silenced, until when, by whom and why, with a Lift silence button carrying its id', () => {
    // Act
    const message = renderSilenceLine(base);

    // Assess
    expect(textOf(message)).toContain('🔕 Silenced everything matching *portal.∗* until');
    expect(textOf(message)).toContain('by <@U0ONCALL1>: Moving the portal');
    expect(JSON.stringify(message.blocks)).toContain('"action_id":"clarion.silence-lift","text":{"type":"plain_text","text":"Lift silence"');
  });

  it('escapes a hostile reason, author and held alert key, so none can ping, link or format', () => {
    // Act
    const message = renderSilenceLine({ ...base, reason: '<!channel> see <https://evil.example|here>', createdBy: '<!here> *bob*', held: { count: 1, keys: ['x|<!everyone>`'] } });

    // Assess
    const text = textOf(message);
    expect(text).not.toMatch(/<!channel>|<!here>|<!everyone>|<https:/);
  });

  it('names the latest held alarms by their alarm names and stays within Slack’s limits with 200 of them', () => {
    // Prepare
    const keys = Array.from({ length: 200 }, (_, i) => `portal.error-rate|cloudwatch-alarm:arn:aws:cloudwatch:eu-west-2:111111111111:alarm:trainee-portal-${i}-5xx-rate`);

    // Act
    const message = renderSilenceLine({ ...base, held: { count: 250, keys } });

    // Assess
    expect(textOf(message)).toContain('has held 250 alerts; latest: `trainee-portal-199-5xx-rate`');
    expect(textOf(message)).toContain('trainee-portal-199-5xx-rate');
    expect(findLimitViolations(message)).toEqual([]);
  });

  it('says it ran out, without a button, once its time is up', () => {
    // Act
    const message = renderSilenceLine({ ...base, endedAt: base.endsAt, endedBy: 'time', held: { count: 2, keys: ['a', 'b'] } });

    // Assess
    expect(textOf(message)).toContain('ran out');
    expect(textOf(message)).toContain('Those still firing are delivered now.');
    expect(JSON.stringify(message.blocks)).not.toContain('clarion.silence-lift');
  });
});

describe('the Silence… form', () => {
  it('offers only this alarm when the alert has no entry or group', () => {
    // Act
    const view = renderSilenceModal({ alertKey: 'uncatalogued|x', title: 'Something' });

    // Assess
    const scope = (view.blocks as Array<{ block_id?: string; element?: { options?: Array<{ value: string }> } }>).find((b) => b.block_id === 'clarion.silence-scope');
    expect(scope?.element?.options?.map((o) => o.value)).toEqual(['alarm']);
  });
});
