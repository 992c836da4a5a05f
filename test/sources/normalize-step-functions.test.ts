import { describe, expect, it } from 'vitest';
import { copy, eventBridge, loadSample, normalizeOne } from './sample-events.ts';

const detail = () => copy(loadSample('import-workflow-failed.json').detail as Record<string, unknown>);
const execution = (overrides: Record<string, unknown>) =>
  eventBridge('Step Functions Execution Status Change', 'aws.states', { ...detail(), ...overrides });

describe('Step Functions execution status changes', () => {
  it('names the signal after the state machine and keys it by its ARN', () => {
    // Act
    const signal = normalizeOne(loadSample('import-workflow-failed.json'));

    // Assess
    expect([signal.state, signal.name, signal.key]).toEqual([
      'firing',
      'trainee-import',
      'step-functions:arn:aws:states:eu-west-2:111111111111:stateMachine:trainee-import',
    ]);
  });

  it('says which execution ended how when the event has no error', () => {
    // Act
    const signal = normalizeOne(loadSample('import-workflow-failed.json'));

    // Assess
    expect(signal.reason).toBe('Execution import-2026-11-22-0700 ended with status FAILED');
  });

  it('uses error and cause when newer events carry them', () => {
    // Act
    const signal = normalizeOne(execution({ error: 'States.TaskFailed', cause: 'Lambda timed out' }));

    // Assess
    expect(signal.reason).toBe('States.TaskFailed: Lambda timed out');
  });

  it.each([
    ['TIMED_OUT', 'firing'],
    ['ABORTED', 'firing'],
    ['SUCCEEDED', 'resolved'],
    ['RUNNING', 'ignore'],
  ])('maps status %s to %s', (status, state) => {
    // Act
    const signal = normalizeOne(execution({ status }));

    // Assess
    expect(signal.state).toBe(state);
  });

  it('takes the time from stopDate', () => {
    // Act
    const signal = normalizeOne(loadSample('import-workflow-failed.json'));

    // Assess
    expect(signal.time).toBe('2026-11-22T07:04:39.205Z');
  });

  it('links to the execution and the state machine', () => {
    // Act
    const signal = normalizeOne(loadSample('import-workflow-failed.json'));

    // Assess
    expect(signal.links.map((l) => l.label)).toEqual(['View execution in console', 'View state machine in console']);
  });

  it('names an execution from its ARN when the detail has no name', () => {
    // Act
    const signal = normalizeOne(execution({ name: undefined }));

    // Assess
    expect(signal.reason).toBe('Execution import-2026-11-22-0700 ended with status FAILED');
  });

  it('takes Region and account from the state machine ARN when the envelope has none', () => {
    // Prepare
    const event = execution({});
    delete event.region;
    delete event.account;

    // Act
    const signal = normalizeOne(event);

    // Assess
    expect([signal.region, signal.account]).toEqual(['eu-west-2', '111111111111']);
  });

  it('keeps a state machine ARN that cannot be parsed as the name', () => {
    // Act
    const signal = normalizeOne(execution({ stateMachineArn: 'not-an-arn', executionArn: undefined, name: undefined }));

    // Assess
    expect([signal.name, signal.reason]).toEqual(['not-an-arn', 'Execution (unnamed) ended with status FAILED']);
  });
});
