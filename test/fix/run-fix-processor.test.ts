// The fix handler through the composed processor: dynalite for state, the Slack emulator over HTTP, the real AWS adapter with ECS mocked (aws-sdk-client-mock).
import { DescribeServicesCommand, ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAwsFixRunner } from '../../src/adapters/aws-fix-runner.ts';
import { AutoFix } from '../../src/catalog/auto-fix-schema.ts';
import type { RefreshRequest } from '../../src/core/refresh-request.ts';
import { createSilence } from '../../src/pipeline/silence-admin.ts';
import { createMemoryHistory } from '../../src/state/memory-history.ts';
import { fireAppDown, startHarness } from '../integration/harness.ts';
import type { Harness } from '../integration/harness.ts';

const ecs = mockClient(ECSClient);
const SERVICE = 'arn:aws:ecs:eu-west-2:123456789012:service/main/trainee-portal';
const TECHIES = '#portal-alerts';
let h: Harness;
let history: ReturnType<typeof createMemoryHistory>;

beforeEach(async () => {
  history = createMemoryHistory();
  const fix = AutoFix.parse({ title: 'Redeploy the portal', mode: 'auto', action: { kind: 'ecs-redeploy', service: SERVICE } });
  h = await startHarness((entries) => entries.map((e) => (e.id === 'portal.app-down' ? { ...e, autoFix: fix } : e)), {
    fixes: createAwsFixRunner({ clients: { ecs: () => new ECSClient({}) } }),
    history,
  });
  ecs.on(UpdateServiceCommand).resolves({ service: { deployments: [{ id: 'ecs-svc/7', status: 'PRIMARY', rolloutState: 'IN_PROGRESS' }] } });
});
afterEach(async () => {
  ecs.reset();
  await h.close();
});

const fixRequests = () => h.refreshes.map((r) => r.request).filter((r): r is Extract<RefreshRequest, { clarion: 'fix' }> => r.clarion === 'fix');
const thread = () => (h.emulator.messages(TECHIES).find((m) => m.text.includes('The Trainee Portal is down'))?.replies ?? []).map((r) => r.text);

describe('Automatic fixes through the processor', () => {
  it('queues one run when the alarm opens, and runs it once however often the request is delivered', async () => {
    // Prepare
    await h.processor.processMessage(fireAppDown('e1', '2026-11-22T10:00:00Z'));
    const [request] = fixRequests();

    // Act
    await h.processor.processMessage(request);
    await h.processor.processMessage(request);

    // Assess
    expect(fixRequests()).toHaveLength(1);
    expect(ecs.commandCalls(UpdateServiceCommand)).toHaveLength(1);
    expect(thread()).toEqual([expect.stringMatching(/^:wrench: Automatic fix \*Redeploy the portal\*: Clarion ran it automatically\. It is running\. <https:\/\/eu-west-2\.console\.aws\.amazon\.com\/ecs\/v2\/clusters\/main\/services\/trainee-portal\/deployments\?region=eu-west-2\|See it in the AWS console>$/)]);
  });

  it('follows the deployment with a check a minute later and tells its success, noting the run in history', async () => {
    // Prepare
    await h.processor.processMessage(fireAppDown('e1', '2026-11-22T10:00:00Z'));
    await h.processor.processMessage(fixRequests()[0]);
    ecs.on(DescribeServicesCommand).resolves({ services: [{ deployments: [{ id: 'ecs-svc/7', status: 'PRIMARY', rolloutState: 'COMPLETED' }] }] });
    const check = h.refreshes.map((r) => r.request).find((r) => r.clarion === 'fix-check')!;
    h.clock.now = new Date('2026-11-22T10:01:05Z');

    // Act
    await h.processor.processMessage(check);

    // Assess
    expect(thread()[1]).toMatch(/^:white_check_mark: Automatic fix \*Redeploy the portal\* succeeded\./);
    const notes = (await history.read(new Date('2026-11-22T00:00:00Z'), new Date('2026-11-23T00:00:00Z'))).filter((item) => item.kind === 'note');
    expect(notes).toEqual([expect.objectContaining({ type: 'fix', fixKind: 'ecs-redeploy', by: 'auto', outcome: 'succeeded', dryRun: false })]);
  });

  it('lets only one of two runs handled at once take the entry’s last slot', async () => {
    // Prepare
    await h.processor.processMessage(fireAppDown('e1', '2026-11-22T10:00:00Z'));
    const auto = fixRequests()[0]!;
    const press = { ...auto, run: 'pressed-by-an-engineer-1', by: { kind: 'user' as const, id: 'U0ENGINEER' } };

    // Act
    await Promise.all([h.processor.processMessage(auto), h.processor.processMessage(press)]);

    // Assess
    expect(ecs.commandCalls(UpdateServiceCommand)).toHaveLength(1);
    expect(thread().filter((text) => text.includes('not run: limit of 1 run in 1 h reached'))).toHaveLength(1);
  });

  it('does not run while a silence covers the entry, and notes the refusal in history', async () => {
    // Prepare
    await h.processor.processMessage(fireAppDown('e1', '2026-11-22T10:00:00Z'));
    await createSilence({ state: h.state, runtime: () => h.runtime, now: () => h.clock.now, newId: () => 'silence1', enqueue: async () => {} }, { match: 'portal.app-down', for: '1h', reason: 'Moving the portal', createdBy: 'U0ONCALL1' });

    // Act
    await h.processor.processMessage(fixRequests()[0]);

    // Assess
    expect(ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
    expect(thread()).toEqual([':no_entry_sign: Automatic fix *Redeploy the portal* not run: a silence covers it.']);
    const notes = (await history.read(new Date('2026-11-22T00:00:00Z'), new Date('2026-11-23T00:00:00Z'))).filter((item) => item.kind === 'note');
    expect(notes).toEqual([expect.objectContaining({ type: 'fix', outcome: 'refused', reason: 'a silence covers it' })]);
  });

  it('tells a refusal by the service as a failed fix, with its reason, and does not retry it', async () => {
    // Prepare
    ecs.on(UpdateServiceCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } }));
    await h.processor.processMessage(fireAppDown('e1', '2026-11-22T10:00:00Z'));

    // Act
    const [result] = await h.processor.processMessage(fixRequests()[0]);

    // Assess
    expect(result?.detail).toMatch(/^fix failed: ECS UpdateService/);
    expect(thread()).toEqual([expect.stringMatching(/^:x: Automatic fix \*Redeploy the portal\* failed: ECS UpdateService of arn:aws:ecs:eu-west-2:123456789012:service\/main\/trainee-portal failed: AccessDeniedException\./)]);
  });

  it('tells the thread on the retry when Slack failed the notice, without calling the service again', async () => {
    // Prepare
    await h.processor.processMessage(fireAppDown('e1', '2026-11-22T10:00:00Z'));
    const request = fixRequests()[0]!;
    h.emulator.fail({ method: 'chat.postMessage', status: 503, times: 2 });

    // Act
    const first = await h.processor.processMessage(request).catch((error: unknown) => error);
    await h.processor.processMessage(request);

    // Assess
    expect(first).toBeInstanceOf(Error);
    expect(ecs.commandCalls(UpdateServiceCommand)).toHaveLength(1);
    expect(h.refreshes.filter((r) => r.request.clarion === 'fix-check')).toHaveLength(1);
    expect(thread()).toEqual([expect.stringMatching(/^:wrench: Automatic fix \*Redeploy the portal\*: Clarion ran it automatically\. It is running\./)]);
  });
});
