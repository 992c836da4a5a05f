import { describe, expect, it } from 'vitest';
import type { Json } from './sample-events.ts';
import { copy, eventBridge, loadSample, normalizeOne, snsEnvelope, viaSns, viaSqs } from './sample-events.ts';

const record = (): Json => copy(loadSample('notify-function-failed.json').detail as Json);

describe('Lambda destination records', () => {
  it('fires for a failure, named after the function without its version', () => {
    // Act
    const signal = normalizeOne(loadSample('notify-function-failed.json'));

    // Assess
    expect([signal.state, signal.name, signal.key]).toEqual([
      'firing',
      'trainee-notify-emails',
      'lambda-destination:arn:aws:lambda:eu-west-2:111111111111:function:trainee-notify-emails',
    ]);
  });

  it('explains the failure with the error, the condition and the attempts', () => {
    // Act
    const signal = normalizeOne(loadSample('notify-function-failed.json'));

    // Assess
    expect(signal.reason).toBe('Email service rejected the request: daily sending quota exceeded; RetriesExhausted after 3 attempts');
  });

  it('accepts the en dash the documentation prints in the detail-type', () => {
    // Act
    const signal = normalizeOne(eventBridge('Lambda Function Invocation Result – Failure', 'lambda', record()));

    // Assess
    expect(signal.family).toBe('lambda-destination');
  });

  it('ignores a success', () => {
    // Act
    const signal = normalizeOne(eventBridge('Lambda Function Invocation Result - Success', 'lambda', record()));

    // Assess
    expect([signal.state, signal.ignoreReason]).toEqual(['ignore', 'Lambda invocation succeeded']);
  });

  it('reads a bare record from an SQS destination and synthesises the EventBridge view', () => {
    // Act
    const signal = normalizeOne(viaSqs(record(), 'sqs-1'));

    // Assess
    expect([signal.family, signal.state, signal.eventId, signal.event['detail-type'], signal.event.source]).toEqual([
      'lambda-destination',
      'firing',
      'lambda-invocation:c7d8e9f0-a1b2-4c3d-8e4f-5a6b7c8d9e0f:RetriesExhausted',
      'Lambda Function Invocation Result - Failure',
      'lambda',
    ]);
  });

  it('reads a bare record from an SNS destination, through SQS too', () => {
    // Act
    const signals = [viaSns(record()), viaSqs(snsEnvelope(record()))].map((e) => normalizeOne(e));

    // Assess
    expect(signals.map((s) => [s.family, s.name])).toEqual([
      ['lambda-destination', 'trainee-notify-emails'],
      ['lambda-destination', 'trainee-notify-emails'],
    ]);
  });

  it('ignores a bare success record', () => {
    // Prepare
    const success = { ...record(), requestContext: { ...(record().requestContext as Json), condition: 'Success' }, responseContext: { statusCode: 200 } };

    // Act
    const signal = normalizeOne(success);

    // Assess
    expect([signal.state, signal.event['detail-type']]).toEqual(['ignore', 'Lambda Function Invocation Result - Success']);
  });

  it('treats a bare record with a function error as a failure even without a condition', () => {
    // Prepare
    const raw = { requestContext: { functionArn: 'arn:aws:lambda:eu-west-2:111111111111:function:f' }, responseContext: { functionError: 'Unhandled' } };

    // Act
    const signal = normalizeOne(raw);

    // Assess
    expect([signal.state, signal.name]).toEqual(['firing', 'f']);
  });

  it('uses errorType and errorMessage together', () => {
    // Act
    const signal = normalizeOne(
      eventBridge('Lambda Function Invocation Result - Failure', 'lambda', {
        ...record(),
        requestContext: { functionArn: 'arn:aws:lambda:eu-west-2:111111111111:function:f:live', approximateInvokeCount: 1 },
        responsePayload: { errorType: 'TypeError', errorMessage: 'x is undefined' },
      }),
    );

    // Assess
    expect([signal.name, signal.reason]).toEqual(['f', 'TypeError: x is undefined; after 1 attempt']);
  });

  it('uses a text response payload as the error', () => {
    // Act
    const signal = normalizeOne(eventBridge('Lambda Function Invocation Result - Failure', 'lambda', { ...record(), responsePayload: 'Task timed out' }));

    // Assess
    expect(signal.reason).toBe('Task timed out; RetriesExhausted after 3 attempts');
  });

  it('keeps a function reference that is not an ARN as the name', () => {
    // Act
    const signal = normalizeOne(
      eventBridge('Lambda Function Invocation Result - Failure', 'lambda', { requestContext: { functionArn: 'my-function' }, responsePayload: null }),
    );

    // Assess
    expect([signal.name, signal.key, signal.reason]).toEqual(['my-function', 'lambda-destination:my-function', '']);
  });
});
