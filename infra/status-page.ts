/** @module Infrastructure (status page): the private bucket, CloudFront in front of it, and the publisher the history table's stream wakes. */
import { common } from './function-defaults.ts';
import { readClarionConfig } from './settings.ts';
import { historyTable } from './storage.ts';
import { serviceRole } from './service-role.ts';
import { viewerRequestCode } from './status-page-viewer.ts';

/*
 * The page is three static files (index.html, status.json, feed.atom) in a private bucket: only
 * CloudFront reads it (origin access control), so a reader never reaches S3 and the page costs
 * nothing to serve when nobody looks. The publisher renders all three from history whenever the
 * history table changes — batched for 5 s, so a change shows within about 15 s (batch, render,
 * 10 s edge cache) and a storm of changes renders the page a handful of times, not once each.
 *
 * Restricting access, two ways (docs/deploy.md): `statusPage.allowIps` in clarion.config.yaml
 * lets only those IPv4 ranges through (a CloudFront Function; IPv6 is then turned off so every
 * viewer has an address the list can judge), and the `StatusPagePath` secret puts the files under
 * a path only those told it know (`https://…cloudfront.net/<secret>/`). Its placeholder `none`
 * means no secret path.
 */
export const STATUS_PATH_NONE = 'none';
export const STATUS_BATCH_WINDOW_SECONDS = 5;

const allowIps = readClarionConfig().statusPage?.allowIps ?? [];

export const statusPagePath = new sst.Secret('StatusPagePath', STATUS_PATH_NONE);

export const statusBucket = new sst.aws.Bucket('StatusPageBucket', { access: 'cloudfront' });

const originAccess = new aws.cloudfront.OriginAccessControl('StatusPageOriginAccess', {
  description: 'Clarion status page: CloudFront reads the private bucket',
  originAccessControlOriginType: 's3',
  signingBehavior: 'always',
  signingProtocol: 'sigv4',
});

const viewer = new aws.cloudfront.Function('StatusPageViewer', {
  runtime: 'cloudfront-js-2.0',
  comment: allowIps.length > 0 ? 'Clarion status page: IP allow-list and folder index' : 'Clarion status page: folder index',
  code: viewerRequestCode(allowIps),
  publish: true,
});

/** AWS's managed CachingOptimized policy: it honours the files' own Cache-Control (10 s). */
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';

export const statusDistribution = new aws.cloudfront.Distribution('StatusPageCdn', {
  enabled: true,
  comment: `Clarion status page (${$app.stage})`,
  isIpv6Enabled: allowIps.length === 0,
  defaultRootObject: 'index.html',
  priceClass: 'PriceClass_100',
  origins: [{ originId: 'status-bucket', domainName: statusBucket.domain, originAccessControlId: originAccess.id }],
  defaultCacheBehavior: {
    targetOriginId: 'status-bucket',
    viewerProtocolPolicy: 'redirect-to-https',
    allowedMethods: ['GET', 'HEAD'],
    cachedMethods: ['GET', 'HEAD'],
    compress: true,
    cachePolicyId: CACHING_OPTIMIZED,
    functionAssociations: [{ eventType: 'viewer-request', functionArn: viewer.arn }],
  },
  restrictions: { geoRestriction: { restrictionType: 'none' } },
  viewerCertificate: { cloudfrontDefaultCertificate: true },
});

/** Where readers find the page: the configuration's own address, else CloudFront's (under the secret path when set). */
const configuredUrl = readClarionConfig().statusPage?.url;
const pageUrl = configuredUrl
  ? configuredUrl
  : statusPagePath.value.apply((secret) => statusDistribution.domainName.apply((domain) => `https://${domain}/${secret === STATUS_PATH_NONE ? '' : `${secret}/`}`));

/** Linked to the processor and the interactions function: local-office messages link to the page. */
export const statusPage = new sst.Linkable('StatusPage', { properties: { url: pageUrl } });

export const statusPublisher = new sst.aws.Function('StatusPagePublisher', {
  ...common,
  handler: 'functions/publish-status-page.handler',
  description: 'Clarion: renders the stakeholder status page from history into S3',
  memory: '512 MB',
  timeout: '30 seconds',
  link: [historyTable, statusBucket, statusPagePath],
});

historyTable.subscribe('StatusPageSubscriber', statusPublisher.arn, {
  // Only incidents of what non-technical readers were told change the page.
  filters: [{ dynamodb: { NewImage: { scope: { S: ['impact'] } } } }],
  transform: {
    eventSourceMapping: {
      startingPosition: 'LATEST',
      batchSize: 100,
      maximumBatchingWindowInSeconds: STATUS_BATCH_WINDOW_SECONDS,
      maximumRetryAttempts: 5,
    },
  },
});

/*
 * What the page says also moves with the clock alone — planned work starting and ending, "next
 * update by", today's square of the 90 days — with no history change to wake the publisher. So it
 * is also woken every 5 minutes: a render reads 90 days of history, a few hundred reads a day.
 */
const account = aws.getCallerIdentityOutput().apply((identity) => identity.accountId);

export const statusRefresh = new aws.scheduler.Schedule('StatusPageRefresh', {
  description: 'Clarion: render the status page again, for what changes with the clock',
  scheduleExpression: 'rate(5 minutes)',
  flexibleTimeWindow: { mode: 'OFF' },
  target: {
    arn: statusPublisher.arn,
    roleArn: serviceRole('StatusPageRefresh', {
      service: 'scheduler.amazonaws.com',
      description: 'Lets EventBridge Scheduler wake the Clarion status page publisher',
      statements: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: [statusPublisher.arn] }],
      sourceAccount: account,
    }).arn,
    input: JSON.stringify({ clarion: 'status-page', trigger: 'schedule' }),
    retryPolicy: { maximumEventAgeInSeconds: 300, maximumRetryAttempts: 2 },
  },
});
