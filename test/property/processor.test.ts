// Property: the real processor, over dynalite and the Slack emulator, takes any event without an exception and posts only safe messages.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RenderedMessage } from '../../src/core/alert.ts';
import type { SlackEmulatorEvent } from '../../src/local/slack-emulator.ts';
import { withSlackPacing } from '../../src/adapters/paced-slack.ts';
import { createSlackWebApi } from '../../src/adapters/slack-web-api.ts';
import { createProcessor } from '../../src/processor/process-signals.ts';
import type { Processor } from '../../src/processor/process-signals.ts';
import { findLimitViolations } from '../../src/slack/limits.ts';
import { normalizeEvent } from '../../src/sources/normalize-event.ts';
import { advance, startHarness } from '../integration/harness.ts';
import type { Harness } from '../integration/harness.ts';
import { jsonWithoutPlainText, mrkdwnProblems, mrkdwnTexts } from '../templates/message-text.ts';
import { HOSTILE_TEXTS, propertyRuns, realEvents } from './pipeline-checks.ts';

let h: Harness;
let processor: Processor;
const seen: SlackEmulatorEvent[] = [];
beforeAll(async () => {
  h = await startHarness();
  // Paced as on AWS, on the test's clock: a batch of many events waits for Slack's per-channel limit.
  const slack = withSlackPacing(createSlackWebApi({ token: 'xoxb-test', slackApiUrl: h.slackUrl }), {
    now: () => h.clock.now.getTime(),
    sleep: async (ms) => advance(h, ms / 1000),
  });
  processor = createProcessor({ runtime: () => h.runtime, state: h.state, slack, now: () => h.clock.now });
  h.emulator.on('message', (event) => void seen.push(event));
  h.emulator.on('update', (event) => void seen.push(event));
});
afterAll(() => h.close());

const json = fc.jsonValue({ stringUnit: 'binary', maxDepth: 5 });
const hostile = fc.oneof(json, fc.constantFrom(...HOSTILE_TEXTS));

/** A real event with some of its fields replaced by hostile text or arbitrary JSON, or removed. */
function mutated(events: Array<[string, unknown]>) {
  return fc
    .tuple(fc.constantFrom(...events), fc.array(fc.tuple(fc.nat(), fc.option(hostile, { nil: undefined })), { minLength: 1, maxLength: 4 }), fc.uuid())
    .map(([[, event], changes, id]) => {
      const copy = structuredClone(event) as Record<string, unknown>;
      // A fresh id, so every case is a new event rather than a duplicate of the last one.
      if (typeof copy['id'] === 'string') copy['id'] = id;
      for (const [pick, value] of changes) {
        const paths = leafPaths(copy);
        const path = paths[pick % paths.length];
        if (path) setAt(copy, path, value);
      }
      return copy;
    });
}

function leafPaths(value: unknown, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) value.forEach((item, i) => leafPaths(item, [...prefix, i], out));
  else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) leafPaths(item, [...prefix, key], out);
  else if (prefix.length > 0) out.push(prefix);
  return out;
}

function setAt(target: Record<string, unknown>, path: Array<string | number>, value: unknown): void {
  let node: Record<string | number, unknown> = target;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/** Links Clarion makes itself (AWS consoles, the catalog's runbooks) may carry event text in their path, encoded; never a host from an event. */
function isOurUrl(url: string): boolean {
  try {
    return !new URL(url).hostname.includes('evil');
  } catch {
    return false;
  }
}

/** What is wrong with a message Slack was sent: over a limit, or a live mention, link or format from event text. */
function messageProblems(event: SlackEmulatorEvent): string[] {
  const message: RenderedMessage = { text: event.text, blocks: event.blocks };
  return [
    ...findLimitViolations(message),
    ...mrkdwnTexts(message).flatMap((text) => mrkdwnProblems(text, isOurUrl)),
    ...(/<https?:\/\/evil|<!(channel|here|everyone)|<@U/.test(jsonWithoutPlainText(message)) ? ['control sequence in the message'] : []),
  ];
}

describe('Property: the processor (dynalite, the Slack emulator) with any input', () => {
  const { samples, fixtures } = realEvents();
  const events = [...samples, ...(fixtures ?? [])];
  const input = fc.oneof(json, hostile, mutated(events));

  it('never throws, answers for every event, and sends Slack only messages within its limits and without live mentions or links', async () => {
    // Act & Assess: fast-check shrinks to the smallest input that breaks a property
    await fc.assert(
      fc.asyncProperty(input, async (raw) => {
        seen.length = 0;
        // A few seconds between events, as a real queue has, keeps the emulator's rate limits out of the way.
        advance(h, 5);
        const signals = normalizeEvent(raw, { receivedAt: h.clock.now }).length;
        const results = await processor.processMessage(raw);
        const failures = await processor.flush();
        expect(results).toHaveLength(signals);
        for (const result of results) expect(result.outcome === 'ignored' ? result.detail : result.outcome).toBeTruthy();
        expect(failures).toEqual([]);
        expect(seen.flatMap(messageProblems)).toEqual([]);
      }),
      { numRuns: propertyRuns(100) },
    );
  }, 120_000);
});
