// Review of issue 14: a Lambda invoke (RequestResponse) whose answer failed with a 5xx may have run the function; it is not invoked again through the queue. Through the composed processor (dynalite, the Slack emulator, the real AWS adapter with Lambda mocked).
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAwsFixRunner } from '../../src/adapters/aws-fix-runner.ts';
import { AutoFix } from '../../src/catalog/auto-fix-schema.ts';
import type { RefreshRequest } from '../../src/core/refresh-request.ts';
import { fireAppDown, startHarness } from '../integration/harness.ts';
import type { Harness } from '../integration/harness.ts';

const lambda = mockClient(LambdaClient);
const FUNCTION = 'arn:aws:lambda:eu-west-2:123456789012:function:resend-failed-emails';
let h: Harness;

beforeEach(async () => {
  const fix = AutoFix.parse({ title: 'Resend the failed emails', mode: 'auto', action: { kind: 'lambda-invoke', function: FUNCTION, payload: {} }, limit: { runs: 3, per: '1h' } });
  h = await startHarness((entries) => entries.map((e) => (e.id === 'portal.app-down' ? { ...e, autoFix: fix } : e)), {
    fixes: createAwsFixRunner({ clients: { lambda: () => new LambdaClient({}) } }),
  });
});
afterEach(async () => {
  lambda.reset();
  await h.close();
});

const fixRequest = () => h.refreshes.map((r) => r.request).find((r): r is Extract<RefreshRequest, { clarion: 'fix' }> => r.clarion === 'fix')!;
const thread = () => (h.emulator.messages('#portal-alerts').find((m) => m.text.includes('The Trainee Portal is down'))?.replies ?? []).map((r) => r.text);

describe('a Lambda fix whose invoke failed with a 5xx', () => {
  it('does not invoke the function again, and tells the thread it may have run', async () => {
    // Prepare
    lambda.on(InvokeCommand).rejectsOnce(Object.assign(new Error('internal'), { name: 'ServiceException', $metadata: { httpStatusCode: 500 } })).resolves({ StatusCode: 200, $metadata: { requestId: 'req-2' } });
    await h.processor.processMessage(fireAppDown('e1', '2026-11-22T10:00:00Z'));
    const request = fixRequest();

    // Act: the request as the queue would deliver it again after a failure
    await h.processor.processMessage(request).catch(() => undefined);
    await h.processor.processMessage(request).catch(() => undefined);

    // Assess
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(1);
    expect(thread()).toEqual([expect.stringMatching(/^:x: Automatic fix \*Resend the failed emails\* failed: .*ServiceException.*whether it ran is unknown/)]);
  });

  it('invokes it again after throttling, which the service answers before running anything', async () => {
    // Prepare
    lambda.on(InvokeCommand).rejectsOnce(Object.assign(new Error('slow down'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } })).resolves({ StatusCode: 200, $metadata: { requestId: 'req-2' } });
    await h.processor.processMessage(fireAppDown('e1', '2026-11-22T10:00:00Z'));
    const request = fixRequest();

    // Act
    await h.processor.processMessage(request).catch(() => undefined);
    await h.processor.processMessage(request).catch(() => undefined);

    // Assess
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(2);
    expect(thread()).toEqual([expect.stringMatching(/^:white_check_mark: Automatic fix \*Resend the failed emails\* succeeded\./)]);
  });
});
