import { describe, expect, it } from 'vitest';
import { normalizeEvent } from '../../src/sources/normalize-event.ts';
import { RECEIVED_AT, loadSample, snsMessageOf, viaSns, viaSqs } from './sample-events.ts';

/** Three different alarms in the SNS shape, which carries no id of its own. */
function threeAlarms(): unknown[] {
  const alarm = snsMessageOf(loadSample('app-down-alarm-sns.json'));
  return ['web-down', 'api-down', 'jobs-down'].map((name) => ({ ...alarm, AlarmName: name, AlarmArn: `arn:aws:cloudwatch:eu-west-2:111111111111:alarm:${name}` }));
}

const ids = (raw: unknown): string[] => normalizeEvent(raw, { receivedAt: RECEIVED_AT }).map((s) => s.eventId);

describe('event ids of messages that hold several events', () => {
  it('gives three different alarms in one SQS message three different ids', () => {
    // Act
    const found = ids(viaSqs(threeAlarms(), 'message-1'));

    // Assess
    expect(new Set(found).size).toBe(3);
  });

  it('gives three different alarms in one SNS message three different ids', () => {
    // Act
    const found = ids(viaSns(threeAlarms(), 'sns-1'));

    // Assess
    expect(new Set(found).size).toBe(3);
  });

  it('gives the events of one SQS message the same ids when the message is delivered again', () => {
    // Prepare
    const message = viaSqs(threeAlarms(), 'message-1');

    // Act
    const [first, again] = [ids(message), ids(structuredClone(message))];

    // Assess
    expect(again).toEqual(first);
  });

  it('tells the same events in two different SQS messages apart', () => {
    // Act
    const [first, second] = [ids(viaSqs(threeAlarms(), 'message-1')), ids(viaSqs(threeAlarms(), 'message-2'))];

    // Assess
    expect(first.filter((id) => second.includes(id))).toEqual([]);
  });

  it('keeps the SQS message id as the id of a message that holds one event', () => {
    // Act
    const found = ids(viaSqs(threeAlarms()[0], 'message-1'));

    // Assess
    expect(found).toEqual(['message-1']);
  });

  it('gives each record of a Records list in one SQS message its own id', () => {
    // Prepare
    const body = { Records: threeAlarms().map((alarm) => ({ eventSource: 'custom', alarm })) };

    // Act
    const found = ids(viaSqs(body.Records, 'message-1'));

    // Assess
    expect(new Set(found).size).toBe(3);
  });

  it('gives two different unreadable texts in one SQS message two ids', () => {
    // Act
    const found = ids(viaSqs(['disk full on db-1', 'disk full on db-2'], 'message-1'));

    // Assess
    expect(new Set(found).size).toBe(2);
  });

  it('gives two different events nested too deep to read two ids', () => {
    // Prepare
    const deep = (leaf: string): unknown => JSON.parse(`${'['.repeat(10_000)}"${leaf}"${']'.repeat(10_000)}`);

    // Act
    const found = [...ids(deep('a')), ...ids(deep('b'))];

    // Assess
    expect(new Set(found).size).toBe(2);
  });
});
