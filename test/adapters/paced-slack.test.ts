import { describe, expect, it } from 'vitest';
import { withSlackPacing } from '../../src/adapters/paced-slack.ts';
import type { SlackPort } from '../../src/core/ports.ts';

function recordingSlack(): SlackPort & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async post(args) {
      calls.push(`post ${args.channel}`);
      return { channel: args.channel.startsWith('#') ? `C${args.channel.slice(1).toUpperCase()}` : args.channel, ts: String(calls.length) };
    },
    async update(args) {
      calls.push(`update ${args.ref.ts}`);
    },
  };
}

const message = { text: 'x', blocks: [] };

describe('Adapter: pacing of Slack calls', () => {
  it('holds back the fourth post to one channel in a second as rate-limited, without calling Slack', async () => {
    // Prepare
    const slack = recordingSlack();
    const paced = withSlackPacing(slack, { now: () => 0 });
    for (let i = 0; i < 3; i++) await paced.post({ channel: '#alerts', message });

    // Act
    const attempt = paced.post({ channel: '#alerts', message });

    // Assess
    await expect(attempt).rejects.toMatchObject({ name: 'DeliveryError', kind: 'rate-limited', code: 'client_rate_limit', retryAfterSeconds: 1, retryable: true });
    expect(slack.calls).toHaveLength(3);
  });

  it('opens a modal at once, however many posts were held back, since its trigger expires in 3 s', async () => {
    // Prepare
    const opened: string[] = [];
    const slack: SlackPort = { ...recordingSlack(), openView: async ({ triggerId }) => (opened.push(triggerId), { viewId: 'V1' }) };
    const paced = withSlackPacing(slack, { now: () => 0 });
    for (let i = 0; i < 3; i++) await paced.post({ channel: '#alerts', message });

    // Act
    const view = await paced.openView!({ triggerId: '1.2.abc', view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] } });

    // Assess
    expect([view, opened]).toEqual([{ viewId: 'V1' }, ['1.2.abc']]);
  });

  it('has no openView when the port it paces has none', () => {
    // Act
    const paced = withSlackPacing(recordingSlack(), { now: () => 0 });

    // Assess
    expect(paced.openView).toBeUndefined();
  });

  it('lets posts to another channel through', async () => {
    // Prepare
    const paced = withSlackPacing(recordingSlack(), { now: () => 0 });
    for (let i = 0; i < 3; i++) await paced.post({ channel: '#alerts', message });

    // Act
    const ref = await paced.post({ channel: '#status', message });

    // Assess
    expect(ref.channel).toBe('CSTATUS');
  });

  it('sleeps through a short wait when it may, and then posts', async () => {
    // Prepare
    const clock = { now: 0 };
    const slack = recordingSlack();
    const paced = withSlackPacing(slack, { now: () => clock.now, sleep: async (ms) => void (clock.now += ms) });
    for (let i = 0; i < 3; i++) await paced.post({ channel: '#alerts', message });

    // Act
    await paced.post({ channel: '#alerts', message });

    // Assess
    expect(clock.now).toBe(1000);
    expect(slack.calls).toHaveLength(4);
  });

  it('counts posts by channel name and id as one channel', async () => {
    // Prepare
    const paced = withSlackPacing(recordingSlack(), { now: () => 0 });
    await paced.post({ channel: '#alerts', message });
    await paced.post({ channel: 'CALERTS', message });
    await paced.post({ channel: '#alerts', message });

    // Act
    const attempt = paced.post({ channel: 'CALERTS', message });

    // Assess
    await expect(attempt).rejects.toMatchObject({ kind: 'rate-limited' });
  });

  it('keeps chat.update inside its per-minute budget', async () => {
    // Prepare
    const paced = withSlackPacing(recordingSlack(), { now: () => 0, updateBurst: 2 });
    await paced.update({ ref: { channel: 'C1', ts: '1' }, message });
    await paced.update({ ref: { channel: 'C1', ts: '1' }, message });

    // Act
    const attempt = paced.update({ ref: { channel: 'C1', ts: '1' }, message });

    // Assess
    await expect(attempt).rejects.toMatchObject({ kind: 'rate-limited', retryAfterSeconds: 2 });
  });
});
