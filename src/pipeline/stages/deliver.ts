/** @module Stage 8 of 9: deliver — carries the rendered messages to Slack: posts, edits, thread replies. */
import type { MessageRef } from '../../core/ports.ts';
import type { AlertRecord } from '../../core/alert-record.ts';
import type { RunContext } from '../pipeline-context.ts';
import type { Route } from '../route-alert.ts';
import type { Stage } from '../stage.ts';
import type { Outbound } from './render.ts';

export const deliver: Stage<{ record: AlertRecord | null; outbound: Outbound[]; deliverTo: Route[] }, { posted: Record<string, MessageRef> }, RunContext> = {
  name: 'deliver',
  async run({ record, outbound, deliverTo }, ctx) {
    if (record) return { posted: await ctx.sync.deliver(record, outbound, deliverTo, ctx.now) };
    // Information is posted once per event (the event claim sees to that) and never edited: no record, no refs.
    for (const action of outbound) {
      if (action.kind !== 'post' || !action.message) continue;
      await ctx.deps.slack.post({ channel: action.channel, message: action.message });
      ctx.count('SlackCalls');
    }
    return { posted: {} };
  },
};
