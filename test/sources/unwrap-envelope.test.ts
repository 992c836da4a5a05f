import { describe, expect, it } from 'vitest';
import { unwrapEnvelope } from '../../src/sources/unwrap-envelope.ts';
import { snsEnvelope, snsRecord, sqsRecord, viaSns, viaSqs } from './sample-events.ts';

describe('unwrapEnvelope', () => {
  it('returns a bare event as it is, with no wrappers', () => {
    // Prepare
    const event = { source: 'aws.glue', 'detail-type': 'x', detail: {} };

    // Act
    const unwrapped = unwrapEnvelope(event);

    // Assess
    expect(unwrapped).toEqual([{ payload: event, delivery: { via: [] } }]);
  });

  it('parses the JSON Message of an SNS record and records where it came from', () => {
    // Act
    const [unwrapped] = unwrapEnvelope(viaSns({ a: 1 }, 'sns-1'));

    // Assess
    expect(unwrapped).toEqual({
      payload: { a: 1 },
      delivery: {
        via: ['sns'],
        snsMessageId: 'sns-1',
        snsTopicArn: 'arn:aws:sns:eu-west-2:111111111111:alerts',
        snsSubject: 'Subject line',
        snsTimestamp: '2026-11-22T09:00:01.000Z',
      },
    });
  });

  it('keeps a Message that is not JSON as text', () => {
    // Act
    const [unwrapped] = unwrapEnvelope(viaSns('{ not json'));

    // Assess
    expect(unwrapped?.payload).toBe('{ not json');
  });

  it('keeps an SNS record without a Message as the record itself', () => {
    // Prepare
    const sns = { MessageId: 'm' };

    // Act
    const [unwrapped] = unwrapEnvelope({ Records: [{ Sns: sns }] });

    // Assess
    expect(unwrapped?.payload).toBe(sns);
  });

  it('opens an SNS notification envelope inside an SQS body', () => {
    // Act
    const [unwrapped] = unwrapEnvelope(viaSqs(snsEnvelope({ a: 1 }, 'sns-2'), 'sqs-2'));

    // Assess
    expect([unwrapped?.payload, unwrapped?.delivery.via, unwrapped?.delivery.snsMessageId, unwrapped?.delivery.sqsMessageId]).toEqual([
      { a: 1 },
      ['sqs', 'sns'],
      'sns-2',
      'sqs-2',
    ]);
  });

  it('records the queue and the sent time of an SQS record', () => {
    // Act
    const [unwrapped] = unwrapEnvelope(viaSqs({ a: 1 }));

    // Assess
    expect([unwrapped?.delivery.sqsQueueArn, unwrapped?.delivery.sqsSentTimestamp]).toEqual([
      'arn:aws:sqs:eu-west-2:111111111111:clarion-signals',
      '1795338000000',
    ]);
  });

  it('gives every record of a batch its own entry', () => {
    // Act
    const unwrapped = unwrapEnvelope({ Records: [sqsRecord({ n: 1 }), sqsRecord({ n: 2 }), snsRecord({ n: 3 })] });

    // Assess
    expect(unwrapped.map((u) => u.payload)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('splits a JSON array inside a message into its elements', () => {
    // Act
    const unwrapped = unwrapEnvelope(viaSqs([{ n: 1 }, { n: 2 }]));

    // Assess
    expect(unwrapped.map((u) => u.payload)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('leaves Records of other services (S3, DynamoDB) as one event', () => {
    // Prepare
    const s3 = { Records: [{ eventSource: 'aws:s3', s3: {} }] };

    // Act
    const unwrapped = unwrapEnvelope(s3);

    // Assess
    expect(unwrapped).toEqual([{ payload: s3, delivery: { via: [] } }]);
  });

  it('keeps a string that only looks like JSON as text', () => {
    // Act
    const [unwrapped] = unwrapEnvelope('{ nope');

    // Assess
    expect(unwrapped?.payload).toBe('{ nope');
  });

  it('keeps JSON text that holds a scalar as the original text', () => {
    // Act
    const [unwrapped] = unwrapEnvelope('42');

    // Assess
    expect(unwrapped?.payload).toBe('42');
  });

  it('stops opening layers at an absurd depth instead of recursing forever', () => {
    // Prepare
    let nested: unknown = { a: 1 };
    for (let i = 0; i < 20; i++) nested = JSON.stringify(nested);

    // Act
    const unwrapped = unwrapEnvelope(nested);

    // Assess
    expect([unwrapped.length, typeof unwrapped[0]?.payload]).toEqual([1, 'string']);
  });

  it('does not treat an SQS-like record without a message id or event source as SQS', () => {
    // Prepare
    const raw = { Records: [{ body: '{"a":1}' }] };

    // Act
    const unwrapped = unwrapEnvelope(raw);

    // Assess
    expect(unwrapped[0]?.payload).toBe(raw);
  });

  it('does not treat a notification without an id or topic as an SNS envelope', () => {
    // Prepare
    const raw = { Type: 'Notification', Message: '{"a":1}' };

    // Act
    const unwrapped = unwrapEnvelope(raw);

    // Assess
    expect(unwrapped[0]?.payload).toBe(raw);
  });
});
