// Review of issue 14: a fix start retried through the queue calls the service with what the first try sent, through the composed processor (dynalite, the Slack emulator, the real AWS adapter with Step Functions mocked).
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAwsFixRunner } from '../../src/adapters/aws-fix-runner.ts';
import { AutoFix } from '../../src/catalog/auto-fix-schema.ts';
import type { RefreshRequest } from '../../src/core/refresh-request.ts';
import { fireAppDown, startHarness } from '../integration/harness.ts';
import type { Harness } from '../integration/harness.ts';

const sfn = mockClient(SFNClient);
const STATE_MACHINE = 'arn:aws:states:eu-west-2:123456789012:stateMachine:restart-portal';
const fixRequestOf = (h: Harness) => h.refreshes.map((r) => r.request).find((r): r is Extract<RefreshRequest, { clarion: 'fix' }> => r.clarion === 'fix')!;
let h: Harness;

beforeEach(async () => {
  const fix = AutoFix.parse({ title: 'Restart the portal', mode: 'auto', action: { kind: 'step-functions', stateMachine: STATE_MACHINE, input: { state: '{{alarm.state}}' } } });
  h = await startHarness((entries) => entries.map((e) => (e.id === 'portal.app-down' ? { ...e, autoFix: fix } : e)), {
    fixes: createAwsFixRunner({ clients: { sfn: () => new SFNClient({}) } }),
  });
});
afterEach(async () => {
  sfn.reset();
  await h.close();
});

describe('a fix start retried through the queue', () => {
  it('sends the input of the first try, though a later event refilled the alert’s parameters', async () => {
    // Prepare
    await h.processor.processMessage(fireAppDown('e1', '2026-11-22T10:00:00Z'));
    const request = fixRequestOf(h);
    // The first answer is lost (a 5xx): Step Functions may have started it under the run's name.
    sfn.on(StartExecutionCommand).rejectsOnce(Object.assign(new Error('internal'), { name: 'InternalServerError', $metadata: { httpStatusCode: 500 } })).resolves({ executionArn: `${STATE_MACHINE.replace(':stateMachine:', ':execution:')}:clarion-${request.run}`, startDate: new Date() });
    await h.processor.processMessage(request).catch(() => undefined);
    // A repeat of the alarm refills the parameters from its own values, as the enrich stage does.
    const stored = (await h.state.getAlert(request.alertKey))!;
    const refilled = { ...stored, alert: { ...stored.alert, autoFix: { ...stored.alert.autoFix!, call: { kind: 'step-functions' as const, stateMachine: STATE_MACHINE, input: { state: 'changed since' } } } }, version: stored.version + 1 };
    expect(await h.state.putAlert(refilled, stored.version)).toBe(true);

    // Act
    await h.processor.processMessage(request);

    // Assess
    const inputs = sfn.commandCalls(StartExecutionCommand).map((call) => call.args[0].input.input);
    expect(inputs).toHaveLength(2);
    expect(inputs[1]).toBe(inputs[0]);
  });
});
