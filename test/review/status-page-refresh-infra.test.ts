// Review: on AWS the status page is rewritten only when an impact incident changes, so what it says by the clock (planned work now, next update due) goes stale.
import { describe, expect, it } from 'vitest';
import { loadInfra } from '../infra/sst-stand-in.ts';

const PROD = { stage: 'prod', env: { CLARION_ALARM_EMAIL: 'oncall@example.org' } };

describe('review: what wakes the status page publisher', () => {
  it('wakes the publisher on a schedule too, so planned work that starts or ends with no incident shows on the page', async () => {
    // Prepare
    const graph = await loadInfra(PROD);
    const publisher = graph.named('sst.aws.Function', 'StatusPagePublisher');

    // Act: everything that invokes the publisher, besides the history stream of impact incidents.
    const wakers = graph.resources.filter((r) => r.name !== 'StatusPageSubscriber' && JSON.stringify(r.args).includes('StatusPagePublisher') && r !== publisher);

    // Assess
    expect(wakers.map((r) => `${r.type}:${r.name}`)).toContain('aws.scheduler.Schedule:StatusPageRefresh');
    expect(graph.named('aws.scheduler.Schedule', 'StatusPageRefresh').args).toMatchObject({ scheduleExpression: 'rate(5 minutes)' });
  });
});
