// The PagerDuty Events API v2 adapter against the local stand-in, over real HTTP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPagerDutyEvents, PagingError } from '../../src/adapters/pagerduty-events.ts';
import { listenPagerDutyStandIn } from '../../src/local/pagerduty-stand-in.ts';

const KEY = 'R0UTINGKEY0000000000000000000000';
const PAGE = { dedupKey: 'clarion-abc', summary: 'Unacknowledged after 30 minutes: The Trainee Portal is down', source: 'portal-app-down', severity: 'critical' as const, customDetails: { alertKey: 'a' } };

describe('the PagerDuty adapter', () => {
  let server: Awaited<ReturnType<typeof listenPagerDutyStandIn>>;

  beforeEach(async () => {
    server = await listenPagerDutyStandIn();
  });

  afterEach(() => server.close());

  it('triggers with the routing key, the dedup key and the payload PagerDuty asks for', async () => {
    // Prepare
    const paging = createPagerDutyEvents({ url: server.url, routingKey: KEY });

    // Act
    await paging.trigger(PAGE);

    // Assess
    expect(server.standIn.events()).toEqual([
      expect.objectContaining({
        routing_key: KEY,
        event_action: 'trigger',
        dedup_key: 'clarion-abc',
        payload: { summary: PAGE.summary, source: 'portal-app-down', severity: 'critical', custom_details: { alertKey: 'a' } },
      }),
    ]);
  });

  it('acknowledges and resolves by the same dedup key', async () => {
    // Prepare
    const paging = createPagerDutyEvents({ url: server.url, routingKey: KEY });

    // Act
    await paging.trigger(PAGE);
    await paging.acknowledge('clarion-abc');
    await paging.resolve('clarion-abc');

    // Assess
    expect(server.standIn.events().map((e) => [e.event_action, e.dedup_key, e.payload])).toEqual([
      ['trigger', 'clarion-abc', expect.anything()],
      ['acknowledge', 'clarion-abc', undefined],
      ['resolve', 'clarion-abc', undefined],
    ]);
  });

  it('reports a 429 as worth retrying', async () => {
    // Prepare
    const paging = createPagerDutyEvents({ url: server.url, routingKey: KEY });
    server.standIn.failNext(429);

    // Act
    const error = await paging.trigger(PAGE).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(PagingError);
    expect(error).toMatchObject({ retryable: true, kind: 'rate-limited', code: 'pagerduty_429' });
  });

  it('reports a 400 for a malformed event as final, with PagerDuty’s reason', async () => {
    // Prepare: an empty summary is not an event PagerDuty can read
    const paging = createPagerDutyEvents({ url: server.url, routingKey: KEY });

    // Act
    const error = await paging.trigger({ ...PAGE, summary: '' }).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ retryable: false, code: 'pagerduty_400' });
    expect((error as Error).message).toContain('payload.summary');
    expect(server.standIn.events()).toEqual([]);
  });

  it('reports an address nothing answers as worth retrying', async () => {
    // Prepare
    await server.close();
    const paging = createPagerDutyEvents({ url: server.url, routingKey: KEY });

    // Act
    const error = await paging.resolve('clarion-abc').catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ retryable: true, kind: 'network' });
    server = await listenPagerDutyStandIn();
  });
});
