// Review of issue 14: two *Run fix* presses of one alert (a second engineer, or a double press) run the fix once; through the composed processor (dynalite, the Slack emulator, the real AWS adapter with Lambda mocked).
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAwsFixRunner } from '../../src/adapters/aws-fix-runner.ts';
import { AutoFix } from '../../src/catalog/auto-fix-schema.ts';
import type { RefreshRequest } from '../../src/core/refresh-request.ts';
import { runIdFor } from '../../src/pipeline/auto-fix.ts';
import { incidentOf } from '../../src/pipeline/escalation.ts';
import { alertKeyFromValue } from '../../templates/parts/buttons.ts';
import { elementOf, fireAppDown, startHarness } from '../integration/harness.ts';
import type { Harness } from '../integration/harness.ts';

const lambda = mockClient(LambdaClient);
const FUNCTION = 'arn:aws:lambda:eu-west-2:123456789012:function:resend-failed-emails';
let h: Harness;

beforeEach(async () => {
  // As the shipped "Resend the failed emails": suggested, three runs an hour, and not safe to run twice for one failure.
  const fix = AutoFix.parse({ title: 'Resend the failed emails', mode: 'suggest', action: { kind: 'lambda-invoke', function: FUNCTION, payload: {} }, limit: { runs: 3, per: '1h' } });
  h = await startHarness((entries) => entries.map((e) => (e.id === 'portal.app-down' ? { ...e, autoFix: fix } : e)), {
    fixes: createAwsFixRunner({ clients: { lambda: () => new LambdaClient({}) } }),
  });
  lambda.on(InvokeCommand).resolves({ StatusCode: 200, $metadata: { requestId: 'req-1' } });
});
afterEach(async () => {
  lambda.reset();
  await h.close();
});

const message = () => h.emulator.messages('#portal-alerts').find((m) => m.text.includes('The Trainee Portal is down'))!;
const thread = () => (message().replies ?? []).map((r) => r.text);

/** The request a press of the message's Run fix button queues (as `requestFixRun` makes it). */
async function pressBy(user: string, press: string): Promise<Extract<RefreshRequest, { clarion: 'fix' }>> {
  const alertKey = alertKeyFromValue(elementOf(message(), 'clarion.run-fix').value)!;
  const record = (await h.state.getAlert(alertKey))!;
  return { clarion: 'fix', alertKey, incident: incidentOf(record), run: runIdFor(['press', press]), by: { kind: 'user', id: user } };
}

describe('two Run fix presses of one alert', () => {
  it('runs the fix once when two engineers press at the same moment, and tells the one held back that it was not run', async () => {
    // Prepare
    await h.processor.processMessage(fireAppDown('e1', '2026-11-22T10:00:00Z'));
    const first = await pressBy('U0ANA', 'press:1');
    const second = await pressBy('U0BEN', 'press:2');

    // Act
    await Promise.all([h.processor.processMessage(first), h.processor.processMessage(second)]);

    // Assess
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(1);
    expect(thread().filter((text) => /not run: a run of it started moments ago\. <@U0(ANA|BEN)> pressed \*Run fix\*\.$/.test(text))).toHaveLength(1);
  });

  it('runs the fix once when a second press is handled seconds after the first run finished', async () => {
    // Prepare
    await h.processor.processMessage(fireAppDown('e1', '2026-11-22T10:00:00Z'));
    const first = await pressBy('U0ANA', 'press:1');
    const second = await pressBy('U0ANA', 'press:2');
    await h.processor.processMessage(first);
    h.clock.now = new Date(h.clock.now.getTime() + 5000);

    // Act
    await h.processor.processMessage(second);

    // Assess
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(1);
    expect(thread()).toEqual([expect.stringMatching(/^:white_check_mark: Fix \*Resend the failed emails\* succeeded\. <@U0ANA> pressed/), expect.stringMatching(/not run: a run of it started moments ago/)]);
  });

  it('runs it again for a press a few minutes after the first run ended', async () => {
    // Prepare
    await h.processor.processMessage(fireAppDown('e1', '2026-11-22T10:00:00Z'));
    const first = await pressBy('U0ANA', 'press:1');
    const second = await pressBy('U0BEN', 'press:2');
    await h.processor.processMessage(first);
    h.clock.now = new Date(h.clock.now.getTime() + 3 * 60_000);

    // Act
    await h.processor.processMessage(second);

    // Assess
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(2);
  });
});
