/**
 * @module Infrastructure (types): the part of SST's global platform API that `sst.config.ts` and
 * `infra/` use, so `tsc` checks them offline.
 *
 * `sst deploy` generates `.sst/platform/config.d.ts` with the full types (it downloads Pulumi
 * first, which this project's CI cannot do). These declarations copy the shape of that API —
 * names and option fields as SST v3/v4 and the Pulumi AWS provider define them — for exactly the
 * components and options used here, and nothing SST does not have. Add to it when infra uses more.
 */

/** Pulumi's eventual value. */
interface $Output<T> {
  apply<U>(fn: (value: T) => U | $Output<U> | Promise<U>): $Output<U>;
}
type $Input<T> = T | Promise<T> | $Output<T>;
/** SST's transform: partial args merged in, or a callback that edits them. */
type $Transform<T> = Partial<T> | ((args: T, opts: unknown, name: string) => undefined);

interface $AppInput {
  stage: string;
}
interface $App {
  name: string;
  removal?: 'remove' | 'retain' | 'retain-all';
  protect?: boolean;
  home: 'aws' | 'cloudflare' | 'local';
  providers?: Record<string, unknown>;
  version?: string;
}
interface $ConfigInput {
  app(input: $AppInput): $App;
  run(): Promise<Record<string, unknown> | void>;
}

declare function $config(input: $ConfigInput): $ConfigInput;
declare const $app: { readonly name: string; readonly stage: string; readonly removal: 'remove' | 'retain' | 'retain-all'; readonly protect: boolean };
declare const $dev: boolean;
declare function $interpolate(literals: TemplateStringsArray, ...placeholders: unknown[]): $Output<string>;
declare function $jsonStringify(obj: unknown, replacer?: (this: unknown, key: string, value: unknown) => unknown, space?: string | number): $Output<string>;

/** Log retention values SST's `logging.retention` accepts (a subset of its `RETENTION` keys). */
type $LogRetention = '1 day' | '3 days' | '5 days' | '1 week' | '2 weeks' | '1 month' | '2 months' | '3 months' | '6 months' | '1 year' | '2 years' | 'forever';
type $Duration = `${number} ${'second' | 'seconds' | 'minute' | 'minutes' | 'hour' | 'hours' | 'day' | 'days'}`;
type $Size = `${number} MB` | `${number} GB`;

declare namespace sst {
  /** Any values to link to functions: they read `Resource.<Name>.<property>`. */
  class Linkable<T extends Record<string, unknown>> {
    constructor(name: string, definition: { properties: T });
    readonly name: $Output<string>;
    readonly properties: T;
  }

  /** `sst secret set <Name> <value>`; linked functions read `Resource.<Name>.value`. */
  class Secret {
    constructor(name: string, placeholder?: $Input<string>);
    readonly name: $Output<string>;
    readonly value: $Output<string>;
  }

  namespace aws {
    interface FunctionPermissionArgs {
      actions: string[];
      resources: $Input<string>[];
    }
    interface FunctionArgs {
      handler: $Input<string>;
      description?: $Input<string>;
      runtime?: $Input<'nodejs18.x' | 'nodejs20.x' | 'nodejs22.x' | 'provided.al2023' | 'python3.11' | 'python3.12'>;
      architecture?: $Input<'x86_64' | 'arm64'>;
      timeout?: $Input<$Duration>;
      memory?: $Input<$Size>;
      environment?: $Input<Record<string, $Input<string>>>;
      permissions?: $Input<FunctionPermissionArgs[]>;
      link?: $Input<unknown[]>;
      logging?: $Input<false | { retention?: $Input<$LogRetention>; format?: $Input<'text' | 'json'>; logGroup?: $Input<string> }>;
      url?: $Input<boolean | { authorization?: $Input<'none' | 'iam'>; cors?: $Input<boolean | Record<string, unknown>> }>;
      nodejs?: $Input<{
        minify?: $Input<boolean>;
        format?: $Input<'cjs' | 'esm'>;
        splitting?: $Input<boolean>;
        sourcemap?: $Input<boolean>;
        install?: $Input<string[]>;
        banner?: $Input<string>;
        esbuild?: $Input<Record<string, unknown>>;
      }>;
      copyFiles?: $Input<{ from: $Input<string>; to?: $Input<string> }[]>;
      concurrency?: $Input<{ provisioned?: $Input<number>; reserved?: $Input<number> }>;
      tags?: $Input<Record<string, $Input<string>>>;
      transform?: { function?: $Transform<Record<string, unknown>>; role?: $Transform<Record<string, unknown>>; logGroup?: $Transform<Record<string, unknown>> };
    }
    class Function {
      constructor(name: string, args: FunctionArgs, opts?: unknown);
      readonly arn: $Output<string>;
      readonly name: $Output<string>;
      /** Only when `url` is enabled. */
      readonly url: $Output<string>;
    }

    interface QueueArgs {
      fifo?: $Input<boolean | { contentBasedDeduplication?: $Input<boolean> }>;
      visibilityTimeout?: $Input<$Duration>;
      dlq?: $Input<string | { queue: $Input<string>; retry: $Input<number> }>;
      transform?: { queue?: $Transform<aws.sqs.QueueArgs> };
    }
    interface QueueSubscriberArgs {
      filters?: $Input<$Input<Record<string, unknown>>[]>;
      batch?: $Input<{ size?: $Input<number>; window?: $Input<$Duration>; partialResponses?: $Input<boolean> }>;
      transform?: { eventSourceMapping?: $Transform<aws.lambda.EventSourceMappingArgs> };
    }
    class Queue {
      constructor(name: string, args?: QueueArgs, opts?: unknown);
      readonly arn: $Output<string>;
      readonly url: $Output<string>;
      readonly nodes: { readonly queue: aws.sqs.Queue };
      subscribe(subscriber: $Input<string | FunctionArgs>, args?: QueueSubscriberArgs, opts?: unknown): $Output<unknown>;
    }

    interface DynamoArgs {
      fields: $Input<Record<string, 'string' | 'number' | 'binary'>>;
      primaryIndex: $Input<{ hashKey: $Input<string>; rangeKey?: $Input<string> }>;
      ttl?: $Input<string>;
      stream?: $Input<'keys-only' | 'new-image' | 'old-image' | 'new-and-old-images'>;
      transform?: { table?: $Transform<aws.dynamodb.TableArgs> };
    }
    interface DynamoSubscriberArgs {
      filters?: $Input<$Input<Record<string, unknown>>[]>;
      transform?: { eventSourceMapping?: $Transform<aws.lambda.EventSourceMappingArgs> };
    }
    class Dynamo {
      constructor(name: string, args: DynamoArgs, opts?: unknown);
      readonly arn: $Output<string>;
      readonly name: $Output<string>;
      /** A Lambda consumer of the table's stream. */
      subscribe(name: string, subscriber: $Input<string | FunctionArgs>, args?: DynamoSubscriberArgs, opts?: unknown): $Output<unknown>;
    }

    /** A private S3 bucket unless `access` says otherwise; linked functions may read and write its objects. */
    class Bucket {
      constructor(name: string, args?: { access?: $Input<'public' | 'cloudfront'>; transform?: { bucket?: $Transform<Record<string, unknown>> } }, opts?: unknown);
      readonly arn: $Output<string>;
      readonly name: $Output<string>;
      /** The bucket's regional domain name (an origin for CloudFront). */
      readonly domain: $Output<string>;
    }

    class Bus {
      constructor(name: string, args?: { transform?: { bus?: $Transform<Record<string, unknown>> } }, opts?: unknown);
      readonly arn: $Output<string>;
      readonly name: $Output<string>;
    }

    class SnsTopic {
      constructor(name: string, args?: { fifo?: $Input<boolean>; transform?: { topic?: $Transform<Record<string, unknown>> } }, opts?: unknown);
      readonly arn: $Output<string>;
      readonly name: $Output<string>;
    }
  }
}

/** The Pulumi AWS provider classes used directly (`@pulumi/aws`, exposed by SST as the global `aws`). */
declare namespace aws {
  namespace sqs {
    interface QueueArgs {
      messageRetentionSeconds?: $Input<number>;
      visibilityTimeoutSeconds?: $Input<number>;
      receiveWaitTimeSeconds?: $Input<number>;
      sqsManagedSseEnabled?: $Input<boolean>;
    }
    class Queue {
      readonly arn: $Output<string>;
      readonly name: $Output<string>;
      readonly url: $Output<string>;
    }
    class QueuePolicy {
      constructor(name: string, args: { queueUrl: $Input<string>; policy: $Input<string> }, opts?: unknown);
    }
  }
  namespace lambda {
    /** A statement of a function's resource policy: who may invoke it, on behalf of what. */
    class Permission {
      constructor(
        name: string,
        args: {
          action: $Input<string>;
          function: $Input<string>;
          principal: $Input<string>;
          sourceAccount?: $Input<string>;
          sourceArn?: $Input<string>;
          statementId?: $Input<string>;
        },
        opts?: unknown,
      );
    }
    interface EventSourceMappingArgs {
      startingPosition?: $Input<'LATEST' | 'TRIM_HORIZON'>;
      maximumRetryAttempts?: $Input<number>;
      batchSize?: $Input<number>;
      maximumBatchingWindowInSeconds?: $Input<number>;
      functionResponseTypes?: $Input<$Input<string>[]>;
      scalingConfig?: $Input<{ maximumConcurrency?: $Input<number> }>;
      bisectBatchOnFunctionError?: $Input<boolean>;
      maximumRetryAttempts?: $Input<number>;
      maximumRecordAgeInSeconds?: $Input<number>;
      startingPosition?: $Input<'LATEST' | 'TRIM_HORIZON' | 'AT_TIMESTAMP'>;
    }
  }
  namespace cloudfront {
    class OriginAccessControl {
      constructor(
        name: string,
        args: { description?: $Input<string>; originAccessControlOriginType: $Input<'s3'>; signingBehavior: $Input<'always' | 'never' | 'no-override'>; signingProtocol: $Input<'sigv4'> },
        opts?: unknown,
      );
      readonly id: $Output<string>;
    }
    class Function {
      constructor(name: string, args: { runtime: $Input<'cloudfront-js-1.0' | 'cloudfront-js-2.0'>; code: $Input<string>; comment?: $Input<string>; publish?: $Input<boolean> }, opts?: unknown);
      readonly arn: $Output<string>;
    }
    interface DistributionArgs {
      enabled: $Input<boolean>;
      comment?: $Input<string>;
      isIpv6Enabled?: $Input<boolean>;
      defaultRootObject?: $Input<string>;
      priceClass?: $Input<'PriceClass_All' | 'PriceClass_200' | 'PriceClass_100'>;
      origins: $Input<Array<{ originId: $Input<string>; domainName: $Input<string>; originAccessControlId?: $Input<string> }>>;
      defaultCacheBehavior: $Input<{
        targetOriginId: $Input<string>;
        viewerProtocolPolicy: $Input<'allow-all' | 'https-only' | 'redirect-to-https'>;
        allowedMethods: $Input<string[]>;
        cachedMethods: $Input<string[]>;
        compress?: $Input<boolean>;
        cachePolicyId?: $Input<string>;
        functionAssociations?: $Input<Array<{ eventType: $Input<'viewer-request' | 'viewer-response'>; functionArn: $Input<string> }>>;
      }>;
      restrictions: $Input<{ geoRestriction: $Input<{ restrictionType: $Input<'none' | 'whitelist' | 'blacklist'>; locations?: $Input<string[]> }> }>;
      viewerCertificate: $Input<{ cloudfrontDefaultCertificate?: $Input<boolean> }>;
    }
    class Distribution {
      constructor(name: string, args: DistributionArgs, opts?: unknown);
      readonly arn: $Output<string>;
      readonly domainName: $Output<string>;
    }
  }
  namespace dynamodb {
    interface TableArgs {
      billingMode?: $Input<string>;
      pointInTimeRecovery?: $Input<{ enabled: $Input<boolean> }>;
      deletionProtectionEnabled?: $Input<boolean>;
    }
  }
  namespace cloudwatch {
    class Dashboard {
      constructor(name: string, args: { dashboardName: $Input<string>; dashboardBody: $Input<string> }, opts?: unknown);
      readonly dashboardArn: $Output<string>;
      readonly dashboardName: $Output<string>;
    }
    class EventRule {
      constructor(
        name: string,
        args: { eventBusName?: $Input<string>; eventPattern?: $Input<string>; description?: $Input<string>; state?: $Input<'ENABLED' | 'DISABLED'> },
        opts?: unknown,
      );
      readonly arn: $Output<string>;
      readonly name: $Output<string>;
    }
    class EventTarget {
      constructor(
        name: string,
        args: {
          rule: $Input<string>;
          arn: $Input<string>;
          eventBusName?: $Input<string>;
          roleArn?: $Input<string>;
          deadLetterConfig?: $Input<{ arn?: $Input<string> }>;
          retryPolicy?: $Input<{ maximumEventAgeInSeconds?: $Input<number>; maximumRetryAttempts?: $Input<number> }>;
        },
        opts?: unknown,
      );
    }
    class EventBusPolicy {
      constructor(name: string, args: { eventBusName?: $Input<string>; policy: $Input<string> }, opts?: unknown);
    }
    class MetricAlarm {
      constructor(
        name: string,
        args: {
          name?: $Input<string>;
          alarmDescription?: $Input<string>;
          namespace?: $Input<string>;
          metricName?: $Input<string>;
          dimensions?: $Input<Record<string, $Input<string>>>;
          statistic?: $Input<'SampleCount' | 'Average' | 'Sum' | 'Minimum' | 'Maximum'>;
          period?: $Input<number>;
          evaluationPeriods: $Input<number>;
          datapointsToAlarm?: $Input<number>;
          threshold?: $Input<number>;
          comparisonOperator: $Input<'GreaterThanOrEqualToThreshold' | 'GreaterThanThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold'>;
          treatMissingData?: $Input<'missing' | 'ignore' | 'breaching' | 'notBreaching'>;
          alarmActions?: $Input<$Input<string>[]>;
          okActions?: $Input<$Input<string>[]>;
          insufficientDataActions?: $Input<$Input<string>[]>;
          /** Metric math: the queries the alarm reads, one of them (returnData) what it compares. */
          metricQueries?: $Input<
            Array<{
              id: string;
              expression?: string;
              label?: string;
              returnData?: boolean;
              metric?: { namespace: string; metricName: string; dimensions?: Record<string, string>; period: number; stat: string };
            }>
          >;
          tags?: $Input<Record<string, $Input<string>>>;
        },
        opts?: unknown,
      );
      readonly arn: $Output<string>;
    }
    class CompositeAlarm {
      constructor(
        name: string,
        args: {
          alarmName: $Input<string>;
          alarmRule: $Input<string>;
          alarmDescription?: $Input<string>;
          actionsEnabled?: $Input<boolean>;
          alarmActions?: $Input<$Input<string>[]>;
          okActions?: $Input<$Input<string>[]>;
          insufficientDataActions?: $Input<$Input<string>[]>;
          tags?: $Input<Record<string, $Input<string>>>;
        },
        opts?: { dependsOn?: unknown[] },
      );
      readonly arn: $Output<string>;
    }
  }
  namespace sns {
    class TopicSubscription {
      constructor(
        name: string,
        args: { topic: $Input<string>; protocol: $Input<string>; endpoint: $Input<string>; rawMessageDelivery?: $Input<boolean>; filterPolicy?: $Input<string> },
        opts?: unknown,
      );
    }
  }
  /** The account and identity `sst deploy` runs as. */
  function getCallerIdentityOutput(args?: Record<string, never>, opts?: unknown): $Output<{ accountId: string; arn: string; userId: string }>;
  namespace scheduler {
    interface ScheduleArgs {
      description?: $Input<string>;
      groupName?: $Input<string>;
      scheduleExpression: $Input<string>;
      scheduleExpressionTimezone?: $Input<string>;
      state?: $Input<'ENABLED' | 'DISABLED'>;
      flexibleTimeWindow: $Input<{ mode: $Input<'OFF' | 'FLEXIBLE'>; maximumWindowInMinutes?: $Input<number> }>;
      target: $Input<{
        arn: $Input<string>;
        roleArn: $Input<string>;
        input?: $Input<string>;
        retryPolicy?: $Input<{ maximumEventAgeInSeconds?: $Input<number>; maximumRetryAttempts?: $Input<number> }>;
        deadLetterConfig?: $Input<{ arn?: $Input<string> }>;
      }>;
    }
    class Schedule {
      constructor(name: string, args: ScheduleArgs, opts?: unknown);
      readonly arn: $Output<string>;
      readonly name: $Output<string>;
    }
  }
  namespace iam {
    class Role {
      constructor(name: string, args: { assumeRolePolicy: $Input<string>; description?: $Input<string> }, opts?: unknown);
      readonly arn: $Output<string>;
      readonly id: $Output<string>;
      readonly name: $Output<string>;
    }
    class RolePolicy {
      constructor(name: string, args: { role: $Input<string>; policy: $Input<string> }, opts?: unknown);
    }
  }
}
