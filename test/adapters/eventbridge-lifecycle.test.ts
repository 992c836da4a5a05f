import { EventBridgeClient, EventBridgeServiceException, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEventBridgeLifecycle } from '../../src/adapters/eventbridge-lifecycle.ts';
import type { LifecycleEvent } from '../../src/core/ports.ts';
import { deliveryFailure } from '../support/delivery-failure.ts';

const eventBridge = mockClient(EventBridgeClient);

function lifecycleEvent(n: number, overrides: Partial<LifecycleEvent> = {}): LifecycleEvent {
  return {
    type: 'Clarion Alert Opened',
    alertKey: `bookings-5xx:alarm-${n}`,
    catalogId: 'bookings-5xx',
    severity: 'high',
    title: `Bookings API failing (${n})`,
    time: '2026-11-22T10:42:00.000Z',
    openedAt: '2026-11-22T10:42:00.000Z',
    ...overrides,
  };
}

function publisher() {
  return createEventBridgeLifecycle({ client: new EventBridgeClient({ region: 'eu-west-2' }), busName: 'clarion-bus' });
}

/** The entries of each PutEvents call, in order. */
function sentBatches(): PutEventsRequestEntry[][] {
  return eventBridge.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries ?? []);
}


beforeEach(() => {
  eventBridge.reset();
});

describe('createEventBridgeLifecycle', () => {
  it('sends 23 events in three calls of at most ten, in order', async () => {
    // Prepare
    eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ({
      FailedEntryCount: 0,
      Entries: input.Entries.map((_, i) => ({ EventId: `id-${i}` })),
    }));
    const events = Array.from({ length: 23 }, (_, n) => lifecycleEvent(n));

    // Act
    await publisher().publish(events);

    // Assess
    const batches = sentBatches();
    expect(batches.map((b) => b.length)).toEqual([10, 10, 3]);
    expect(batches.flat().map((e) => (JSON.parse(e.Detail ?? '{}') as LifecycleEvent).alertKey)).toEqual(events.map((e) => e.alertKey));
  });

  it('shapes each entry as the event type, the event as JSON detail, the clarion source, the bus and the event time', async () => {
    // Prepare
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'id-0' }] });
    const event = lifecycleEvent(1, { type: 'Clarion Alert Acknowledged', acknowledgedBy: 'U123', acknowledgedAt: '2026-11-22T10:50:00.000Z', time: '2026-11-22T10:50:00.000Z' });

    // Act
    await publisher().publish([event]);

    // Assess
    const [entry] = sentBatches().flat();
    expect(entry).toEqual({
      EventBusName: 'clarion-bus',
      Source: 'clarion',
      DetailType: 'Clarion Alert Acknowledged',
      Detail: JSON.stringify(event),
      Time: new Date('2026-11-22T10:50:00.000Z'),
    });
  });

  it('uses the configured source', async () => {
    // Prepare
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'id-0' }] });
    const lifecycle = createEventBridgeLifecycle({ client: new EventBridgeClient({ region: 'eu-west-2' }), busName: 'b', source: 'clarion.staging' });

    // Act
    await lifecycle.publish([lifecycleEvent(1)]);

    // Assess
    expect(sentBatches().flat()[0]?.Source).toBe('clarion.staging');
  });

  it('makes no call for no events', async () => {
    // Act
    await publisher().publish([]);

    // Assess
    expect(sentBatches()).toEqual([]);
  });

  it('sends only the failed entries again, once, and succeeds when they go through', async () => {
    // Prepare
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({
        FailedEntryCount: 1,
        Entries: [{ EventId: 'id-0' }, { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' }, { EventId: 'id-2' }],
      })
      .resolvesOnce({ FailedEntryCount: 0, Entries: [{ EventId: 'id-1' }] });
    const events = [lifecycleEvent(0), lifecycleEvent(1), lifecycleEvent(2)];

    // Act
    await publisher().publish(events);

    // Assess
    const batches = sentBatches();
    expect(batches).toHaveLength(2);
    expect(batches[1]?.map((e) => e.Detail)).toEqual([JSON.stringify(events[1])]);
  });

  it('throws a retryable server error naming the codes when entries keep failing', async () => {
    // Prepare
    eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ({
      FailedEntryCount: input.Entries.length,
      Entries: input.Entries.map(() => ({ ErrorCode: 'InternalFailure', ErrorMessage: 'oops' })),
    }));

    // Act
    const error = await deliveryFailure(publisher().publish([lifecycleEvent(0), lifecycleEvent(1)]));

    // Assess
    expect(error).toMatchObject({ kind: 'server', retryable: true, code: 'InternalFailure' });
    expect(error.message).toContain('InternalFailure');
    expect(sentBatches()).toHaveLength(2);
  });

  it('does not resend entries that failed for lack of permission, and reports a config error', async () => {
    // Prepare
    eventBridge.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'not authorized' }],
    });

    // Act
    const error = await deliveryFailure(publisher().publish([lifecycleEvent(0)]));

    // Assess
    expect(error).toMatchObject({ kind: 'config', retryable: false, code: 'NotAuthorizedForSourceException' });
    expect(sentBatches()).toHaveLength(1);
  });

  it('turns an SDK error into a retryable DeliveryError', async () => {
    // Prepare
    eventBridge.on(PutEventsCommand).rejects(
      new EventBridgeServiceException({ name: 'InternalException', $fault: 'server', $metadata: { httpStatusCode: 500 }, message: 'boom' }),
    );

    // Act
    const error = await deliveryFailure(publisher().publish([lifecycleEvent(0)]));

    // Assess
    expect(error).toMatchObject({ kind: 'server', retryable: true, code: 'InternalException' });
  });

  it('turns a network failure into a retryable network error', async () => {
    // Prepare
    eventBridge.on(PutEventsCommand).rejects(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));

    // Act
    const error = await deliveryFailure(publisher().publish([lifecycleEvent(0)]));

    // Assess
    expect(error).toMatchObject({ kind: 'network', retryable: true });
  });

  it('turns a missing bus into a final config error', async () => {
    // Prepare
    eventBridge
      .on(PutEventsCommand)
      .rejects(new EventBridgeServiceException({ name: 'ResourceNotFoundException', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: 'no bus' }));

    // Act
    const error = await deliveryFailure(publisher().publish([lifecycleEvent(0)]));

    // Assess
    expect(error).toMatchObject({ kind: 'config', retryable: false, code: 'ResourceNotFoundException' });
  });

  it('publishes through a client of its own when none is given', async () => {
    // Prepare
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'id-0' }] });
    const own = createEventBridgeLifecycle({ busName: 'clarion-bus' });

    // Act
    await own.publish([lifecycleEvent(1)]);

    // Assess
    expect(eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.[0]?.EventBusName).toBe('clarion-bus');
  });
});
