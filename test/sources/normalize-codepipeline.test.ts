import { describe, expect, it } from 'vitest';
import { eventBridge, loadSample, normalizeOne } from './sample-events.ts';

function pipeline(level: 'Pipeline' | 'Stage' | 'Action', detail: Record<string, unknown>) {
  return eventBridge(`CodePipeline ${level} Execution State Change`, 'aws.codepipeline', {
    pipeline: 'trainee-portal-release',
    'execution-id': 'exec-1',
    version: 12,
    ...detail,
  });
}

describe('CodePipeline execution state changes', () => {
  it('fires for a failed pipeline execution, named from the detail', () => {
    // Act
    const signal = normalizeOne(loadSample('release-pipeline-failed.json'));

    // Assess
    expect([signal.state, signal.name, signal.kind, signal.key]).toEqual([
      'firing',
      'trainee-portal-release',
      'pipeline-execution',
      'codepipeline:111111111111:eu-west-2:trainee-portal-release',
    ]);
  });

  it('resolves on a successful pipeline execution', () => {
    // Act
    const signal = normalizeOne(pipeline('Pipeline', { state: 'SUCCEEDED' }));

    // Assess
    expect(signal.state).toBe('resolved');
  });

  it('ignores a successful stage, because only the pipeline succeeding means it is fixed', () => {
    // Act
    const signal = normalizeOne(pipeline('Stage', { state: 'SUCCEEDED', stage: 'Deploy' }));

    // Assess
    expect([signal.state, signal.ignoreReason]).toEqual([
      'ignore',
      'CodePipeline stage execution is SUCCEEDED; only failures and pipeline successes are alerted on',
    ]);
  });

  it('ignores a started execution', () => {
    // Act
    const signal = normalizeOne(pipeline('Pipeline', { state: 'STARTED' }));

    // Assess
    expect(signal.state).toBe('ignore');
  });

  it('fires for a failed action with its summary, error code and external link', () => {
    // Act
    const signal = normalizeOne(
      pipeline('Action', {
        state: 'FAILED',
        stage: 'Build',
        action: 'Unit-tests',
        'execution-result': {
          'external-execution-url': 'https://eu-west-2.console.aws.amazon.com/codebuild/home#/builds/x',
          'external-execution-summary': 'Build failed: 3 tests failed',
          'error-code': 'JobFailed',
        },
      }),
    );

    // Assess
    expect([signal.state, signal.title, signal.reason, signal.links[1]]).toEqual([
      'firing',
      'CodePipeline trainee-portal-release (stage Build, action Unit-tests): failed',
      'Build failed: 3 tests failed; error code JobFailed',
      { label: 'View action details', url: 'https://eu-west-2.console.aws.amazon.com/codebuild/home#/builds/x' },
    ]);
  });

  it('drops an external link that is not https', () => {
    // Act
    const signal = normalizeOne(pipeline('Action', { state: 'FAILED', 'execution-result': { 'external-execution-url': 'javascript:alert(1)' } }));

    // Assess
    expect(signal.links.map((l) => l.label)).toEqual(['View execution in console']);
  });

  it('links to the pipeline itself when the execution id is missing', () => {
    // Act
    const signal = normalizeOne(pipeline('Pipeline', { state: 'FAILED', 'execution-id': undefined }));

    // Assess
    expect([signal.links[0]?.url, signal.reason]).toEqual([
      'https://eu-west-2.console.aws.amazon.com/codesuite/codepipeline/pipelines/trainee-portal-release/view?region=eu-west-2',
      'Pipeline execution FAILED',
    ]);
  });
});
