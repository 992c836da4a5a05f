/**
 * A recording stand-in for SST's platform globals (`$config`, `$app`, `sst.*`, `aws.*`,
 * `$interpolate`, `$jsonStringify`): loads sst.config.ts offline, runs app() and run(), and
 * returns every resource the configuration created, with its arguments, as a graph to assert on.
 */
import { vi } from 'vitest';

const ACCOUNT = '111111111111';
const REGION = 'eu-west-2';

/** Pulumi's Output, reduced to what the configuration uses: a value and `apply`. */
export class FakeOutput<T> {
  constructor(readonly value: T) {}
  apply<U>(fn: (value: T) => U | FakeOutput<U>): FakeOutput<U> {
    const result = fn(this.value);
    return result instanceof FakeOutput ? result : new FakeOutput(result);
  }
}

/** Replaces every FakeOutput inside a value with what it holds. */
export function resolve(value: unknown): unknown {
  if (value instanceof FakeOutput) return resolve(value.value);
  if (Array.isArray(value)) return value.map(resolve);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
  }
  return value;
}

export interface RecordedResource {
  /** e.g. `sst.aws.Function`, `aws.cloudwatch.EventRule`. */
  type: string;
  /** The logical name given in infra/ (the `Resource.<name>` key for SST components). */
  name: string;
  /** The arguments with every output resolved. */
  args: Record<string, unknown>;
  /** The object the configuration got back (to compare links by identity). */
  instance: object;
}

export interface InfraGraph {
  app: $App;
  outputs: Record<string, unknown>;
  resources: RecordedResource[];
  ofType(type: string): RecordedResource[];
  named(type: string, name: string): RecordedResource;
  /** The recorded resource behind an object passed in `link`. */
  byInstance(instance: unknown): RecordedResource | undefined;
}

export async function loadInfra(options: { stage: string; env?: Record<string, string> }): Promise<InfraGraph> {
  const resources: RecordedResource[] = [];
  const out = <T>(value: T) => new FakeOutput(value);
  const physical = (name: string) => `clarion-${options.stage}-${name}`;

  const record = (type: string, name: string, args: unknown, instance: object) => {
    resources.push({ type, name, args: (resolve(args ?? {}) as Record<string, unknown>) ?? {}, instance });
  };
  const component = (type: string, props: (name: string, args: Record<string, unknown>) => Record<string, unknown>) =>
    class {
      constructor(name: string, args: Record<string, unknown> = {}) {
        Object.assign(this, props(name, args));
        record(type, name, args, this);
      }
    };

  class Queue {
    arn: FakeOutput<string>;
    url: FakeOutput<string>;
    nodes: { queue: { name: FakeOutput<string>; arn: FakeOutput<string>; url: FakeOutput<string> } };
    constructor(
      private readonly logicalName: string,
      args: Record<string, unknown> = {},
    ) {
      this.arn = out(`arn:aws:sqs:${REGION}:${ACCOUNT}:${physical(logicalName)}`);
      this.url = out(`https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${physical(logicalName)}`);
      this.nodes = { queue: { name: out(physical(logicalName)), arn: this.arn, url: this.url } };
      record('sst.aws.Queue', logicalName, args, this);
    }
    subscribe(subscriber: unknown, args: Record<string, unknown> = {}) {
      record('sst.aws.QueueSubscriber', `${this.logicalName}Subscriber`, { queue: this.logicalName, subscriber, ...args }, {});
      return out({});
    }
  }

  class Dynamo {
    arn: FakeOutput<string>;
    name: FakeOutput<string>;
    constructor(logicalName: string, args: Record<string, unknown> = {}) {
      this.arn = out(`arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${physical(logicalName)}`);
      this.name = out(physical(logicalName));
      record('sst.aws.Dynamo', logicalName, args, this);
    }
    subscribe(name: string, subscriber: unknown, args: Record<string, unknown> = {}) {
      // As SST does: function args become a function named `<name>Function`, with read access to the stream.
      if (subscriber && typeof subscriber === 'object' && !(subscriber instanceof FakeOutput)) new sst.aws.Function(`${name}Function`, subscriber as Record<string, unknown>);
      record('sst.aws.DynamoSubscriber', name, { table: this, subscriber, ...args }, {});
      return out({});
    }
  }

  const sst = {
    Secret: component('sst.Secret', (name) => ({ name: out(name), value: out(`secret:${name}`) })),
    Linkable: component('sst.Linkable', (name, args) => ({ name: out(name), properties: args['properties'] })),
    aws: {
      Queue,
      Function: component('sst.aws.Function', (name, args) => ({
        arn: out(`arn:aws:lambda:${REGION}:${ACCOUNT}:function:${physical(name)}`),
        name: out(physical(name)),
        ...(args['url'] ? { url: out(`https://${name.toLowerCase()}.lambda-url.${REGION}.on.aws/`) } : {}),
      })),
      Dynamo,
      Bucket: component('sst.aws.Bucket', (name) => ({ arn: out(`arn:aws:s3:::${physical(name).toLowerCase()}`), name: out(physical(name).toLowerCase()), domain: out(`${physical(name).toLowerCase()}.s3.${REGION}.amazonaws.com`) })),
      Bus: component('sst.aws.Bus', (name) => ({ arn: out(`arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${physical(name)}`), name: out(physical(name)) })),
      SnsTopic: component('sst.aws.SnsTopic', (name) => ({ arn: out(`arn:aws:sns:${REGION}:${ACCOUNT}:${physical(name)}`), name: out(physical(name)) })),
    },
  };
  const aws = {
    getCallerIdentityOutput: () => out({ accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/deployer`, userId: 'AIDADEPLOYER' }),
    sqs: { QueuePolicy: component('aws.sqs.QueuePolicy', () => ({})) },
    lambda: { Permission: component('aws.lambda.Permission', () => ({})) },
    cloudwatch: {
      EventRule: component('aws.cloudwatch.EventRule', (name, args) => ({
        name: out(physical(name)),
        arn: out(`arn:aws:events:${REGION}:${ACCOUNT}:rule/${args['eventBusName'] === 'default' ? '' : `${String(resolve(args['eventBusName']))}/`}${physical(name)}`),
      })),
      EventTarget: component('aws.cloudwatch.EventTarget', () => ({})),
      EventBusPolicy: component('aws.cloudwatch.EventBusPolicy', () => ({})),
      Dashboard: component('aws.cloudwatch.Dashboard', (name) => ({ dashboardName: out(physical(name)), dashboardArn: out(`arn:aws:cloudwatch::${ACCOUNT}:dashboard/${physical(name)}`) })),
      MetricAlarm: component('aws.cloudwatch.MetricAlarm', (name) => ({ arn: out(`arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${name}`) })),
      CompositeAlarm: component('aws.cloudwatch.CompositeAlarm', (name) => ({ arn: out(`arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${name}`) })),
    },
    sns: { TopicSubscription: component('aws.sns.TopicSubscription', () => ({})) },
    cloudfront: {
      OriginAccessControl: component('aws.cloudfront.OriginAccessControl', (name) => ({ id: out(`oac-${name}`) })),
      Function: component('aws.cloudfront.Function', (name) => ({ arn: out(`arn:aws:cloudfront::${ACCOUNT}:function/${physical(name)}`) })),
      Distribution: component('aws.cloudfront.Distribution', (name) => ({ arn: out(`arn:aws:cloudfront::${ACCOUNT}:distribution/${name}`), domainName: out('d111111abcdef8.cloudfront.net') })),
    },
    scheduler: {
      Schedule: component('aws.scheduler.Schedule', (name) => ({ arn: out(`arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/default/${physical(name)}`), name: out(physical(name)) })),
    },
    iam: {
      Role: component('aws.iam.Role', (name) => ({ arn: out(`arn:aws:iam::${ACCOUNT}:role/${physical(name)}`), id: out(physical(name)), name: out(physical(name)) })),
      RolePolicy: component('aws.iam.RolePolicy', () => ({})),
    },
  };

  const globals: Record<string, unknown> = {
    $config: (input: $ConfigInput) => input,
    $dev: false,
    $interpolate: (literals: TemplateStringsArray, ...values: unknown[]) => out(String.raw(literals, ...values.map((v) => String(resolve(v))))),
    $jsonStringify: (value: unknown) => out(JSON.stringify(resolve(value))),
    sst,
    aws,
  };
  for (const [key, value] of Object.entries(globals)) vi.stubGlobal(key, value);
  for (const [key, value] of Object.entries({ CLARION_ALARM_EMAIL: '', CLARION_ORGANIZATION_ID: '', CLARION_HUB_BUS_ARN: '', ...options.env })) vi.stubEnv(key, value);

  try {
    // infra/ modules create their resources when first imported: start from a clean module registry.
    vi.resetModules();
    const config = ((await import('../../sst.config.ts')) as { default: $ConfigInput }).default;
    const app = config.app({ stage: options.stage });
    vi.stubGlobal('$app', { name: app.name, stage: options.stage, removal: app.removal ?? 'remove', protect: app.protect ?? false });
    const outputs = (resolve((await config.run()) ?? {}) as Record<string, unknown>) ?? {};
    return {
      app,
      outputs,
      resources,
      ofType: (type) => resources.filter((r) => r.type === type),
      named(type, name) {
        const found = resources.find((r) => r.type === type && r.name === name);
        if (!found) throw new Error(`no ${type} named ${name}; have ${resources.map((r) => `${r.type}:${r.name}`).join(', ')}`);
        return found;
      },
      byInstance: (instance) => resources.find((r) => r.instance === instance),
    };
  } finally {
    vi.unstubAllGlobals();
    vi.unstubAllEnvs();
  }
}
