import { describe, expect, it } from 'vitest';
import { viewerRequestCode } from '../../infra/status-page-viewer.ts';
import { loadInfra } from './sst-stand-in.ts';

const PROD = { stage: 'prod', env: { CLARION_ALARM_EMAIL: 'oncall@example.org' } };

/** Runs the CloudFront Function's code as CloudFront would, for one viewer and path. */
function view(code: string, ip: string, uri: string): { statusCode?: number; uri?: string } {
  const handler = new Function(`${code}\nreturn handler;`)() as (event: unknown) => { statusCode?: number; uri?: string };
  return handler({ viewer: { ip }, request: { uri, method: 'GET', headers: {} } });
}

describe('infra: the status page', () => {
  it('keeps the bucket private, read only by CloudFront through origin access control', async () => {
    // Prepare
    const graph = await loadInfra(PROD);

    // Act
    const bucket = graph.named('sst.aws.Bucket', 'StatusPageBucket').args;
    const cdn = graph.named('aws.cloudfront.Distribution', 'StatusPageCdn').args as { origins: Array<Record<string, unknown>>; defaultCacheBehavior: Record<string, unknown> };

    // Assess
    expect([bucket['access'], cdn.origins[0]!['originAccessControlId'], cdn.defaultCacheBehavior['viewerProtocolPolicy']]).toEqual(['cloudfront', 'oac-StatusPageOriginAccess', 'redirect-to-https']);
  });

  it('wakes the publisher from the history table stream within seconds, for impact incidents only', async () => {
    // Prepare
    const graph = await loadInfra(PROD);

    // Act
    const subscriber = graph.named('sst.aws.DynamoSubscriber', 'StatusPageSubscriber').args as { table: unknown; filters: unknown; transform: { eventSourceMapping: { maximumBatchingWindowInSeconds: number } } };

    // Assess
    expect([graph.byInstance(subscriber.table)?.name, subscriber.filters, subscriber.transform.eventSourceMapping.maximumBatchingWindowInSeconds <= 10]).toEqual([
      'HistoryTable',
      [{ dynamodb: { NewImage: { scope: { S: ['impact'] } } } }],
      true,
    ]);
  });

  it('links the publisher to the history table, the bucket and the secret path, and outputs the page address', async () => {
    // Prepare
    const graph = await loadInfra(PROD);

    // Act
    const links = (graph.named('sst.aws.Function', 'StatusPagePublisher').args['link'] as unknown[]).map((item) => graph.byInstance(item)?.name);

    // Assess
    expect([links.sort(), graph.outputs['statusPageUrl']]).toEqual([['HistoryTable', 'StatusPageBucket', 'StatusPagePath'], 'https://d111111abcdef8.cloudfront.net/secret:StatusPagePath/']);
  });

  it('lets only allow-listed IPv4 ranges through the viewer function', () => {
    // Prepare
    const code = viewerRequestCode(['203.0.113.0/24', '198.51.100.7']);

    // Act
    const answers = [view(code, '203.0.113.42', '/').uri, view(code, '198.51.100.7', '/x/').uri, view(code, '198.51.100.8', '/').statusCode, view(code, '2001:db8::1', '/').statusCode];

    // Assess
    expect(answers).toEqual(['/index.html', '/x/index.html', 403, 403]);
  });

  it('lets everyone through when no allow-list is configured', () => {
    // Prepare
    const code = viewerRequestCode([]);

    // Act
    const answer = view(code, '192.0.2.1', '/status.json');

    // Assess
    expect(answer.uri).toBe('/status.json');
  });
});
