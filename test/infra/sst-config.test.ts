import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseDocument } from 'yaml';
import { HistoryMetricsConfig, InteractionsConfig, LINKED_SETTINGS, ProcessorConfig, PublisherConfig } from '../../src/adapters/lambda-config.ts';
import { TABLE_KEY, TTL_ATTRIBUTE } from '../../src/adapters/dynamo-state.ts';
import { DEFAULT_LIFECYCLE } from '../../src/pipeline/plan-alert.ts';
import { MAX_RECEIVE_COUNT } from '../../src/local/in-process-queue.ts';
import { loadInfra } from './sst-stand-in.ts';
import type { InfraGraph, RecordedResource } from './sst-stand-in.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PROD = { stage: 'prod', env: { CLARION_ALARM_EMAIL: 'oncall@example.org' } };
const DEV = { stage: 'dev' };

const CONFIG_SCHEMAS = { ProcessorConfig, InteractionsConfig, HistoryMetricsConfig, PublisherConfig } as const;

function handlerFile(fn: RecordedResource): { file: string; exportName: string } {
  const handler = String(fn.args['handler']);
  const dot = handler.lastIndexOf('.');
  return { file: path.join(ROOT, `${handler.slice(0, dot)}.ts`), exportName: handler.slice(dot + 1) };
}

/** SST resource names a handler reads: through the config schema it validates, or `Resource.X` directly. */
function resourcesReadBy(fn: RecordedResource): Set<string> {
  const source = readFileSync(handlerFile(fn).file, 'utf8');
  const names = new Set<string>();
  for (const [, schema] of source.matchAll(/readConfig\((\w+Config)\b/g)) {
    const shape = CONFIG_SCHEMAS[schema as keyof typeof CONFIG_SCHEMAS].shape;
    for (const key of Object.keys(shape)) {
      const linked = LINKED_SETTINGS[key as keyof typeof LINKED_SETTINGS];
      if (linked) names.add(linked.resource);
    }
  }
  for (const [, name] of source.matchAll(/\bResource\.(\w+)/g)) names.add(name!);
  // SST gives every function `Resource.App` without a link.
  names.delete('App');
  return names;
}

function linkedNames(graph: InfraGraph, fn: RecordedResource): Set<string> {
  return new Set((fn.args['link'] as unknown[]).map((item) => graph.byInstance(item)?.name ?? '(not a resource)'));
}

function policyStatements(graph: InfraGraph, name: string): Array<Record<string, unknown>> {
  return (JSON.parse(String(graph.named('aws.sqs.QueuePolicy', name).args['policy'])) as { Statement: Array<Record<string, unknown>> }).Statement;
}

describe('sst.config.ts app()', () => {
  it('retains and protects production resources', async () => {
    const graph = await loadInfra(PROD);

    expect(graph.app).toMatchObject({ name: 'clarion', home: 'aws', removal: 'retain', protect: true });
  });

  it('removes other stages completely and leaves them unprotected', async () => {
    const graph = await loadInfra(DEV);

    expect(graph.app).toMatchObject({ removal: 'remove', protect: false });
  });
});

describe('sst.config.ts run(): functions', () => {
  it('points every function at a handler file that exports the handler', async () => {
    const graph = await loadInfra(PROD);
    const functions = graph.ofType('sst.aws.Function');

    const exported = await Promise.all(
      functions.map(async (fn) => {
        const { file, exportName } = handlerFile(fn);
        if (!existsSync(file)) return `${file} missing`;
        const module = (await import(file)) as Record<string, unknown>;
        return typeof module[exportName];
      }),
    );

    expect(functions.map((f) => f.name).sort()).toEqual(['HistoryMetricsFunction', 'Interactions', 'Processor', 'StatusPagePublisher']);
    expect(exported).toEqual(['function', 'function', 'function', 'function']);
  });

  it('links every function to exactly the resources its handler reads', async () => {
    const graph = await loadInfra(PROD);

    const links = graph.ofType('sst.aws.Function').map((fn) => ({ fn: fn.name, reads: [...resourcesReadBy(fn)].sort(), linked: [...linkedNames(graph, fn)].sort() }));

    for (const { reads, linked } of links) expect(linked).toEqual(reads);
    expect(links.find((l) => l.fn === 'Processor')?.linked).toEqual(['ClarionBus', 'DeadLetterQueue', 'HistoryTable', 'PagerDutyRoutingKey', 'SignalQueue', 'SlackBotToken', 'StateTable', 'StatusPage']);
  });

  it('gives the signing secret to the interactions function only', async () => {
    const graph = await loadInfra(PROD);

    const holders = graph.ofType('sst.aws.Function').filter((fn) => linkedNames(graph, fn).has('SlackSigningSecret'));

    expect(holders.map((f) => f.name)).toEqual(['Interactions']);
  });

  it('runs every function on nodejs22.x arm64, minified, with log retention and the catalog folder', async () => {
    const graph = await loadInfra(PROD);

    for (const fn of graph.ofType('sst.aws.Function')) {
      expect(fn.args).toMatchObject({
        runtime: 'nodejs22.x',
        architecture: 'arm64',
        nodejs: { format: 'esm', minify: true },
        logging: { retention: '6 months' },
        copyFiles: [{ from: '.clarion/alert-catalog.json', to: 'alert-catalog.json' }],
      });
    }
  });

  it('grants no hand-written permissions beyond sns:Publish on configured topics, the processor\'s reads of SLO figures (and the automatic fixes’ own, tested in auto-fix-permissions.test.ts)', async () => {
    const graph = await loadInfra(PROD);

    const fixActions = new Set(['states:StartExecution', 'states:DescribeExecution', 'lambda:InvokeFunction', 'ecs:UpdateService', 'ssm:StartAutomationExecution', 'ssm:GetAutomationExecution', 'iam:PassRole']);
    const permissions = graph
      .ofType('sst.aws.Function')
      .flatMap((fn) => ((fn.args['permissions'] as Array<{ actions: string[]; resources: string[] }> | undefined) ?? []).map((p) => ({ ...p, fn: fn.name })))
      .filter((p) => !p.actions.some((action) => fixActions.has(action)));
    // GetMetricData has no resource-level permissions: `*` is the only resource it takes (infra/functions.ts).
    const [figures, others] = [permissions.filter((p) => p.actions.includes('cloudwatch:GetMetricData')), permissions.filter((p) => !p.actions.includes('cloudwatch:GetMetricData'))];

    expect(figures).toEqual([{ fn: 'Processor', actions: ['cloudwatch:GetMetricData'], resources: ['*'] }]);
    for (const p of others) {
      expect(p.actions).toEqual(['sns:Publish']);
      expect(p.resources.every((r) => r.startsWith('arn:') && !r.includes('*'))).toBe(true);
    }
  });

  it('puts the interactions function behind a public Function URL and outputs it', async () => {
    const graph = await loadInfra(PROD);

    expect(graph.named('sst.aws.Function', 'Interactions').args['url']).toMatchObject({ authorization: 'none' });
    expect(graph.outputs['interactionsUrl']).toMatch(/^https:\/\/.+lambda-url/);
  });
});

describe('sst.config.ts run(): queue and processor', () => {
  it('dead-letters a record after 10 receives and keeps both queues 14 days', async () => {
    const graph = await loadInfra(PROD);
    const queue = graph.named('sst.aws.Queue', 'SignalQueue');
    const dlq = graph.named('sst.aws.Queue', 'DeadLetterQueue');

    expect(queue.args['dlq']).toEqual({ queue: (dlq.instance as { arn: { value: string } }).arn.value, retry: 10 });
    for (const q of [queue, dlq]) expect(q.args['transform']).toMatchObject({ queue: { messageRetentionSeconds: 1_209_600 } });
  });

  it('dead-letters after as many receives as the local stack\'s queue, so an outage is ridden out locally as deployed', async () => {
    const graph = await loadInfra(PROD);

    const queue = graph.named('sst.aws.Queue', 'SignalQueue');

    expect((queue.args['dlq'] as { retry: number }).retry).toBe(MAX_RECEIVE_COUNT);
  });

  it('keeps the queue visibility timeout above the processor timeout', async () => {
    const graph = await loadInfra(PROD);
    const seconds = (d: unknown) => Number(String(d).split(' ')[0]);

    const visibility = seconds(graph.named('sst.aws.Queue', 'SignalQueue').args['visibilityTimeout']);
    const timeout = seconds(graph.named('sst.aws.Function', 'Processor').args['timeout']);

    expect(visibility).toBeGreaterThanOrEqual(6 * timeout);
  });

  it('lets an event claim outlast the processor timeout and run out before SQS delivers the event again', async () => {
    const graph = await loadInfra(PROD);
    const seconds = (d: unknown) => Number(String(d).split(' ')[0]);

    const visibility = seconds(graph.named('sst.aws.Queue', 'SignalQueue').args['visibilityTimeout']);
    const timeout = seconds(graph.named('sst.aws.Function', 'Processor').args['timeout']);

    expect(DEFAULT_LIFECYCLE.processingClaimSeconds).toBeGreaterThan(timeout);
    expect(DEFAULT_LIFECYCLE.processingClaimSeconds).toBeLessThan(visibility);
  });

  it('subscribes the processor with batches of 10, a 5 s window, partial responses and at most 2 at once', async () => {
    const graph = await loadInfra(PROD);
    const processorArn = (graph.named('sst.aws.Function', 'Processor').instance as { arn: { value: string } }).arn.value;

    const subscriber = graph.named('sst.aws.QueueSubscriber', 'SignalQueueSubscriber').args;

    expect(subscriber).toMatchObject({
      subscriber: processorArn,
      batch: { size: 10, window: '5 seconds', partialResponses: true },
      transform: { eventSourceMapping: { scalingConfig: { maximumConcurrency: 2 } } },
    });
  });
});

describe('sst.config.ts run(): sources', () => {
  it('sends every rule to the signal queue, dead-lettering into the DLQ', async () => {
    const graph = await loadInfra(PROD);
    const queueArn = (graph.named('sst.aws.Queue', 'SignalQueue').instance as { arn: { value: string } }).arn.value;
    const dlqArn = (graph.named('sst.aws.Queue', 'DeadLetterQueue').instance as { arn: { value: string } }).arn.value;
    const rules = graph.ofType('aws.cloudwatch.EventRule');
    const targets = graph.ofType('aws.cloudwatch.EventTarget');

    const targeted = rules.map((rule) => targets.filter((t) => t.args['rule'] === (rule.instance as { name: { value: string } }).name.value));

    expect(rules.map((r) => r.name)).toContain('CatalogSecurityGuarddutyFindingRule');
    expect(rules.length).toBe(12);
    for (const ts of targeted) {
      expect(ts).toHaveLength(1);
      expect(ts[0]!.args).toMatchObject({ arn: queueArn, deadLetterConfig: { arn: dlqArn } });
    }
  });

  it('lets only these rules and the alarm topic send to the queue', async () => {
    const graph = await loadInfra(PROD);
    const ruleArns = graph.ofType('aws.cloudwatch.EventRule').map((r) => (r.instance as { arn: { value: string } }).arn.value);
    const topicArn = (graph.named('sst.aws.SnsTopic', 'AlarmTopic').instance as { arn: { value: string } }).arn.value;

    const statements = policyStatements(graph, 'SignalQueuePolicy');

    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatchObject({ Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Condition: { ArnEquals: { 'aws:SourceArn': ruleArns } } });
    expect(statements[1]).toMatchObject({ Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Condition: { ArnEquals: { 'aws:SourceArn': topicArn } } });
    expect(policyStatements(graph, 'DeadLetterQueuePolicy')[0]).toMatchObject({ Condition: { ArnEquals: { 'aws:SourceArn': ruleArns } } });
  });

  it('routes Clarion Alert events from the Clarion bus and AWS events from the default bus', async () => {
    const graph = await loadInfra(PROD);
    const busName = (graph.named('sst.aws.Bus', 'ClarionBus').instance as { name: { value: string } }).name.value;

    const onBus = graph.ofType('aws.cloudwatch.EventRule').map((r) => [r.name, r.args['eventBusName']]);

    expect(onBus.filter(([, bus]) => bus === busName)).toEqual([['ClarionAlertsRule', busName]]);
    expect(onBus.filter(([, bus]) => bus === 'default')).toHaveLength(11);
  });

  it('subscribes the alarm topic to the queue with the SNS envelope kept', async () => {
    const graph = await loadInfra(PROD);

    const subscription = graph.named('aws.sns.TopicSubscription', 'AlarmTopicToSignalQueue').args;

    expect(subscription).toMatchObject({ protocol: 'sqs', rawMessageDelivery: false });
    expect(subscription['endpoint']).toMatch(/^arn:aws:sqs:.+SignalQueue$/);
  });

  it('lets this account’s CloudWatch alarms, and nothing else, invoke the processor as their Lambda action', async () => {
    const graph = await loadInfra(PROD);
    const processor = graph.named('sst.aws.Function', 'Processor').instance as { name: { value: string } };

    const permissions = graph.ofType('aws.lambda.Permission').map((p) => p.args);

    expect(permissions).toEqual([
      {
        action: 'lambda:InvokeFunction',
        function: processor.name.value,
        principal: 'lambda.alarms.cloudwatch.amazonaws.com',
        sourceAccount: '111111111111',
        sourceArn: 'arn:aws:cloudwatch:eu-west-2:111111111111:alarm:*',
      },
    ]);
  });

  it('outputs the processor ARN to name as an alarm’s Lambda action, and links the queue it puts such events on', async () => {
    const graph = await loadInfra(PROD);
    const processor = graph.named('sst.aws.Function', 'Processor');

    expect(graph.outputs['processorArn']).toBe((processor.instance as { arn: { value: string } }).arn.value);
    expect(linkedNames(graph, processor).has('SignalQueue')).toBe(true);
  });
});

describe('sst.config.ts run(): plain-text copies', () => {
  /** Loads the configuration from a copy of the catalog whose local-office audience has an SNS topic. */
  async function loadWithLocalOfficeTopic(topicArn: string): Promise<InfraGraph> {
    const dir = mkdtempSync(path.join(tmpdir(), 'clarion-infra-'));
    cpSync(path.join(ROOT, 'alert-catalog'), path.join(dir, 'alert-catalog'), { recursive: true });
    const file = path.join(dir, 'alert-catalog', 'clarion.config.yaml');
    const config = parseDocument(readFileSync(file, 'utf8'));
    config.setIn(['audiences', 'local-office', 'snsTopicArn'], topicArn);
    writeFileSync(file, String(config));
    const before = process.cwd();
    // infra/ reads the catalog and its configuration from the working directory, as `sst deploy` does.
    process.chdir(dir);
    try {
      return await loadInfra(PROD);
    } finally {
      process.chdir(before);
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('lets both functions publish to the audiences’ SNS topics, since a Tell local offices press posts too', async () => {
    const topic = 'arn:aws:sns:eu-west-2:111111111111:portal-local-offices';

    const graph = await loadWithLocalOfficeTopic(topic);

    // The processor's other statements (SLO figures, automatic fixes) are tested above and in auto-fix-permissions.test.ts.
    const snsOnly = (list: unknown) => (list as Array<{ actions: string[] }> | undefined)?.filter((p) => p.actions.includes('sns:Publish'));
    const permissions = graph.ofType('sst.aws.Function').map((fn) => [fn.name, snsOnly(fn.args['permissions'])]);
    expect(Object.fromEntries(permissions)).toEqual({
      Processor: [{ actions: ['sns:Publish'], resources: [topic] }],
      Interactions: [{ actions: ['sns:Publish'], resources: [topic] }],
    });
  });
});

describe('sst.config.ts run(): state and self-monitoring', () => {
  it('creates the state table with the key design of the DynamoDB adapter', async () => {
    const graph = await loadInfra(PROD);

    const table = graph.named('sst.aws.Dynamo', 'StateTable').args;

    expect(table).toMatchObject({ fields: { [TABLE_KEY]: 'string' }, primaryIndex: { hashKey: TABLE_KEY }, ttl: TTL_ATTRIBUTE });
    expect(table['transform']).toMatchObject({ table: { billingMode: 'PAY_PER_REQUEST', pointInTimeRecovery: { enabled: true } } });
  });

  it('turns point-in-time recovery off outside production', async () => {
    const graph = await loadInfra(DEV);

    expect(graph.named('sst.aws.Dynamo', 'StateTable').args['transform']).toMatchObject({ table: { pointInTimeRecovery: { enabled: false } } });
  });

  it('alarms on dead letters, processor errors and throttles, and old signals, through Clarion and the last resort', async () => {
    const graph = await loadInfra(PROD);
    const arnOf = (name: string) => (graph.named('sst.aws.SnsTopic', name).instance as { arn: { value: string } }).arn.value;

    // The SLO alarms (test/infra/slo-alarms.test.ts) are the catalog's, not Clarion's watch on itself.
    const alarms = graph.ofType('aws.cloudwatch.MetricAlarm').filter((a) => !String(a.args['name']).includes('-slo-'));

    expect(alarms.map((a) => a.args['name'])).toEqual(
      expect.arrayContaining(['clarion-prod-dead-letters', 'clarion-prod-processor-errors', 'clarion-prod-processor-throttles', 'clarion-prod-oldest-signal-age']),
    );
    for (const alarm of alarms) expect(alarm.args['alarmActions']).toEqual([arnOf('AlarmTopic'), arnOf('LastResortTopic')]);
    expect(graph.named('aws.sns.TopicSubscription', 'LastResortEmail').args).toMatchObject({ protocol: 'email', endpoint: 'oncall@example.org' });
  });

  it('refuses a production deploy without a last-resort address', async () => {
    const deploy = loadInfra({ stage: 'prod' });

    await expect(deploy).rejects.toThrow(/CLARION_ALARM_EMAIL or stages\.prod\.alarmEmail/);
  });

  it('takes the last-resort address from the stage configuration, the environment winning', async () => {
    // A fresh copy of the module: the one the last test loaded stopped with its error.
    vi.resetModules();
    vi.stubGlobal('$app', { name: 'clarion', stage: 'dev', removal: 'remove', protect: false });
    const { stageSettings, readClarionConfig } = await import('../../infra/settings.ts');
    vi.unstubAllGlobals();
    const shipped = readClarionConfig();
    const config = { ...shipped, stages: { ...shipped.stages, prod: { ...shipped.stages['prod']!, alarmEmail: 'stage@example.org' } } };

    const fromConfig = stageSettings('prod', {}, config);
    const fromEnv = stageSettings('prod', { CLARION_ALARM_EMAIL: 'env@example.org' }, config);

    expect([fromConfig.alarmEmail, fromEnv.alarmEmail]).toEqual(['stage@example.org', 'env@example.org']);
  });
});

describe('sst.config.ts run(): office hours', () => {
  it('schedules the summary for the start of office hours in the stage time zone, onto the signal queue', async () => {
    const graph = await loadInfra(PROD);

    const schedule = graph.named('aws.scheduler.Schedule', 'SummarySchedule').args;
    const queueArn = (graph.named('sst.aws.Queue', 'SignalQueue').instance as { arn: { value: string } }).arn.value;
    const dlqArn = (graph.named('sst.aws.Queue', 'DeadLetterQueue').instance as { arn: { value: string } }).arn.value;

    expect(schedule).toMatchObject({
      scheduleExpression: 'cron(0 9 ? * MON,TUE,WED,THU,FRI *)',
      scheduleExpressionTimezone: 'Europe/London',
      target: { arn: queueArn, input: '{"clarion":"summary","trigger":"schedule"}', deadLetterConfig: { arn: dlqArn } },
    });
    expect(graph.outputs['summaryScheduleArn']).toMatch(/^arn:aws:scheduler:/);
  });

  it('lets the schedule role send only to the signal queue and its dead-letter queue, for this account only', async () => {
    const graph = await loadInfra(PROD);

    const policy = JSON.parse(String(graph.named('aws.iam.RolePolicy', 'SummarySchedulePolicy').args['policy'])) as { Statement: Array<Record<string, unknown>> };
    const trust = JSON.parse(String(graph.named('aws.iam.Role', 'SummaryScheduleRole').args['assumeRolePolicy'])) as { Statement: Array<{ Principal: unknown; Condition?: unknown }> };

    expect(policy.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: 'sqs:SendMessage',
        Resource: [
          (graph.named('sst.aws.Queue', 'SignalQueue').instance as { arn: { value: string } }).arn.value,
          (graph.named('sst.aws.Queue', 'DeadLetterQueue').instance as { arn: { value: string } }).arn.value,
        ],
      },
    ]);
    expect(trust.Statement.map((s) => s.Principal)).toEqual([{ Service: 'scheduler.amazonaws.com' }]);
    expect(trust.Statement[0]?.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': '111111111111' } });
  });

  it('schedules the weekly recap on Monday 09:00 in the stage time zone, with the time it was meant for', async () => {
    const graph = await loadInfra(DEV);

    const schedule = graph.named('aws.scheduler.Schedule', 'RecapSchedule').args;

    expect(schedule).toMatchObject({
      scheduleExpression: 'cron(0 9 ? * MON *)',
      scheduleExpressionTimezone: 'Europe/London',
      target: { input: '{"clarion":"recap","dueAt":"<aws.scheduler.scheduled-time>"}' },
    });
    expect(graph.outputs['recapScheduleArn']).toMatch(/^arn:aws:scheduler:/);
  });

  it('schedules no summary for a stage without office hours', async () => {
    const graph = await loadInfra(DEV);

    expect(graph.ofType('aws.scheduler.Schedule').filter((s) => !s.name.startsWith('Maintenance') && s.name !== 'RecapSchedule' && s.name !== 'StatusPageRefresh')).toEqual([]);
    expect(graph.outputs['summaryScheduleArn']).toBeUndefined();
  });

  it('schedules the before, start and end of each maintenance window in the catalog onto the signal queue, in the stage time zone', async () => {
    // Prepare
    const graph = await loadInfra(DEV);
    const queueArn = (graph.named('sst.aws.Queue', 'SignalQueue').instance as { arn: { value: string } }).arn.value;

    // Act
    const schedules = graph.ofType('aws.scheduler.Schedule').filter((s) => s.name.startsWith('Maintenance'));

    // Assess
    expect(schedules.map((s) => [s.args['scheduleExpression'], s.args['scheduleExpressionTimezone'], JSON.parse(String((s.args['target'] as { input: string }).input))])).toEqual([
      ['cron(0 9 ? * FRI *)', 'Europe/London', { clarion: 'maintenance', windowId: 'portal.saturday-upgrade', phase: 'before' }],
      ['cron(0 9 ? * SAT *)', 'Europe/London', { clarion: 'maintenance', windowId: 'portal.saturday-upgrade', phase: 'start' }],
      ['cron(0 11 ? * SAT *)', 'Europe/London', { clarion: 'maintenance', windowId: 'portal.saturday-upgrade', phase: 'end' }],
    ]);
    expect(schedules.every((s) => (s.args['target'] as { arn: string }).arn === queueArn)).toBe(true);
    expect(graph.outputs['maintenanceSchedules']).toBe(3);
  });
});

describe('sst.config.ts run(): one Clarion for an organization', () => {
  it('lets the organization put events on the Clarion bus and routes them like the hub account’s own', async () => {
    const graph = await loadInfra({ stage: 'prod', env: { ...PROD.env, CLARION_ORGANIZATION_ID: 'o-abcdefghij' } });

    const policy = JSON.parse(String(graph.named('aws.cloudwatch.EventBusPolicy', 'ClarionBusOrganizationPolicy').args['policy'])) as { Statement: unknown[] };
    const forwarded = graph.ofType('aws.cloudwatch.EventRule').filter((r) => r.name.startsWith('Forwarded'));

    expect(policy.Statement[0]).toMatchObject({ Action: 'events:PutEvents', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } } });
    expect(forwarded).toHaveLength(11);
  });

  it('deploys only forwarding rules into a member account', async () => {
    const hub = 'arn:aws:events:eu-west-2:222222222222:event-bus/clarion-prod-ClarionBus';

    const graph = await loadInfra({ stage: 'member', env: { CLARION_HUB_BUS_ARN: hub } });

    expect(new Set(graph.resources.map((r) => r.type))).toEqual(new Set(['aws.iam.Role', 'aws.iam.RolePolicy', 'aws.cloudwatch.EventRule', 'aws.cloudwatch.EventTarget']));
    expect(graph.ofType('aws.cloudwatch.EventTarget').every((t) => t.args['arn'] === hub && typeof t.args['roleArn'] === 'string')).toBe(true);
    expect(JSON.parse(String(graph.named('aws.iam.RolePolicy', 'ForwardToHubPolicy').args['policy']))).toMatchObject({ Statement: [{ Action: 'events:PutEvents', Resource: hub }] });
  });
});
