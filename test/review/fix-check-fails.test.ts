// Review of issue 14: a run whose check the service refuses for good is told once, not left "running" in the thread; through the composed processor (dynalite, the Slack emulator, the real AWS adapter with ECS mocked).
import { DescribeServicesCommand, ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAwsFixRunner } from '../../src/adapters/aws-fix-runner.ts';
import { AutoFix } from '../../src/catalog/auto-fix-schema.ts';
import type { RefreshRequest } from '../../src/core/refresh-request.ts';
import { fireAppDown, startHarness } from '../integration/harness.ts';
import type { Harness } from '../integration/harness.ts';

const ecs = mockClient(ECSClient);
const SERVICE = 'arn:aws:ecs:eu-west-2:123456789012:service/main/trainee-portal';
let h: Harness;

beforeEach(async () => {
  const fix = AutoFix.parse({ title: 'Redeploy the portal', mode: 'auto', action: { kind: 'ecs-redeploy', service: SERVICE } });
  h = await startHarness((entries) => entries.map((e) => (e.id === 'portal.app-down' ? { ...e, autoFix: fix } : e)), {
    fixes: createAwsFixRunner({ clients: { ecs: () => new ECSClient({}) } }),
  });
  ecs.on(UpdateServiceCommand).resolves({ service: { deployments: [{ id: 'ecs-svc/7', status: 'PRIMARY', rolloutState: 'IN_PROGRESS' }] } });
});
afterEach(async () => {
  ecs.reset();
  await h.close();
});

const requests = (kind: string) => h.refreshes.map((r) => r.request).filter((r) => r.clarion === kind) as RefreshRequest[];
const thread = () => (h.emulator.messages('#portal-alerts').find((m) => m.text.includes('The Trainee Portal is down'))?.replies ?? []).map((r) => r.text);

describe('a fix whose check the service refuses for good', () => {
  it('tells the thread once that Clarion cannot follow it, with the console link, instead of leaving it running', async () => {
    // Prepare
    await h.processor.processMessage(fireAppDown('e1', '2026-11-22T10:00:00Z'));
    await h.processor.processMessage(requests('fix')[0]!);
    ecs.on(DescribeServicesCommand).rejects(Object.assign(new Error('not authorized to describe'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } }));
    const check = requests('fix-check')[0]!;
    h.clock.now = new Date('2026-11-22T10:01:05Z');

    // Act
    await h.processor.processMessage(check).catch(() => undefined);
    await h.processor.processMessage(check).catch(() => undefined);

    // Assess
    expect(thread()).toHaveLength(2);
    expect(thread()[1]).toMatch(/^:hourglass: Automatic fix \*Redeploy the portal\*: Clarion cannot tell how it stands: ECS DescribeServices .*AccessDeniedException.*; it stopped watching it\. <https:\/\/eu-west-2\.console\.aws\.amazon\.com\/ecs\/.*\|See it in the AWS console>$/);
  });
});
