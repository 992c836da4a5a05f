import { describe, expect, it } from 'vitest';
import type { Json } from './sample-events.ts';
import { copy, eventBridge, loadSample, normalizeOne } from './sample-events.ts';

function task(overrides: Json = {}, containers?: Json[]): Json {
  const detail = copy(loadSample('web-task-stopped.json').detail as Json);
  return eventBridge('ECS Task State Change', 'aws.ecs', { ...detail, ...(containers ? { containers } : {}), ...overrides });
}

describe('ECS task state changes', () => {
  it('fires for a task stopped by an out-of-memory container', () => {
    // Act
    const signal = normalizeOne(loadSample('web-task-stopped.json'));

    // Assess
    expect([signal.state, signal.title]).toEqual(['firing', 'ECS task of service trainee-portal-web stopped: out of memory']);
  });

  it('names the signal after the service and keys it by cluster and service', () => {
    // Act
    const signal = normalizeOne(loadSample('web-task-stopped.json'));

    // Assess
    expect([signal.name, signal.key]).toEqual([
      'trainee-portal-web',
      'ecs-task:arn:aws:ecs:eu-west-2:111111111111:cluster/trainee-portal-prod:trainee-portal-web',
    ]);
  });

  it('explains the stop with the stopped reason, exit code and container reason', () => {
    // Act
    const signal = normalizeOne(loadSample('web-task-stopped.json'));

    // Assess
    expect(signal.reason).toBe(
      'Essential container in task exited; container web: exit code 137: OutOfMemoryError: Container killed due to memory usage',
    );
  });

  it('links to the task and the service in the ECS console', () => {
    // Act
    const signal = normalizeOne(loadSample('web-task-stopped.json'));

    // Assess
    expect(signal.links.map((l) => l.url)).toEqual([
      'https://eu-west-2.console.aws.amazon.com/ecs/v2/clusters/trainee-portal-prod/tasks/8c1d2e3f4a5b46c7d8e9f0a1b2c3d4e5/configuration?region=eu-west-2',
      'https://eu-west-2.console.aws.amazon.com/ecs/v2/clusters/trainee-portal-prod/services/trainee-portal-web/health?region=eu-west-2',
    ]);
  });

  it('ignores a task that is not STOPPED', () => {
    // Act
    const signal = normalizeOne(task({ lastStatus: 'RUNNING', desiredStatus: 'RUNNING' }));

    // Assess
    expect([signal.state, signal.ignoreReason, signal.kind]).toEqual([
      'ignore',
      'ECS task is RUNNING; only STOPPED tasks are alerted on',
      'RUNNING',
    ]);
  });

  it('ignores a task stopped by the scheduler with clean exits as a normal scale-in or deployment', () => {
    // Act
    const signal = normalizeOne(task({ stopCode: 'ServiceSchedulerInitiated', stoppedReason: 'Scaling activity initiated by deployment' }, [{ name: 'web', exitCode: 0 }]));

    // Assess
    expect([signal.state, signal.ignoreReason]).toEqual(['ignore', 'ECS task stopped normally (normal scale-in or deployment)']);
  });

  it('fires for a task a user stopped when a container had crashed', () => {
    // Act
    const signal = normalizeOne(task({ stopCode: 'UserInitiated' }, [{ name: 'web', exitCode: 1 }]));

    // Assess
    expect(signal.state).toBe('firing');
  });

  it('reports a Fargate Spot interruption as info', () => {
    // Act
    const signal = normalizeOne(task({ stopCode: 'TerminationNotice', stoppedReason: 'Your Spot Task was interrupted.' }, [{ name: 'web', exitCode: 137 }]));

    // Assess
    expect(signal.state).toBe('info');
  });

  it('recognises a Spot interruption by its stopped reason alone', () => {
    // Act
    const signal = normalizeOne(task({ stopCode: undefined, stoppedReason: 'Spot interruption' }, [{ name: 'web' }]));

    // Assess
    expect(signal.state).toBe('info');
  });

  it('fires for a task that failed to start', () => {
    // Act
    const signal = normalizeOne(task({ stopCode: 'TaskFailedToStart', stoppedReason: 'CannotPullContainerError' }, [{ name: 'web' }]));

    // Assess
    expect([signal.state, signal.title]).toEqual(['firing', 'ECS task of service trainee-portal-web failed to start']);
  });

  it('reports a one-off task whose essential container exited cleanly as info', () => {
    // Act
    const signal = normalizeOne(task({ group: 'family:nightly-export' }, [{ name: 'export', exitCode: 0 }]));

    // Assess
    expect([signal.state, signal.name, signal.title]).toEqual(['info', 'nightly-export', 'ECS task of task family nightly-export stopped']);
  });

  it('fires when an essential container exited and no exit code is known', () => {
    // Act
    const signal = normalizeOne(task({}, [{ name: 'web' }]));

    // Assess
    expect([signal.state, signal.title]).toEqual(['firing', 'ECS task of service trainee-portal-web stopped unexpectedly']);
  });

  it('does not fire for a non-zero exit of a container marked non-essential', () => {
    // Act
    const signal = normalizeOne(task({ stopCode: 'UserInitiated' }, [{ name: 'sidecar', exitCode: 2, essential: false }, { name: 'web', exitCode: 0 }]));

    // Assess
    expect(signal.state).toBe('ignore');
  });

  it('reports a stop without a known stop code as info', () => {
    // Act
    const signal = normalizeOne(task({ stopCode: undefined, stoppedReason: 'Task stopped' }, [{ name: 'web', exitCode: 0 }]));

    // Assess
    expect(signal.state).toBe('info');
  });

  it('names a task with no group after its task definition family', () => {
    // Act
    const signal = normalizeOne(task({ group: undefined }));

    // Assess
    expect([signal.name, signal.resource.type]).toEqual(['trainee-portal-web', 'ECS task']);
  });

  it('still names a task that has no group and no task definition', () => {
    // Act
    const signal = normalizeOne(task({ group: undefined, taskDefinitionArn: undefined, taskArn: undefined, clusterArn: undefined }));

    // Assess
    expect([signal.name, signal.links]).toEqual(['unknown task', []]);
  });

  it('lists only the containers worth mentioning in the reason', () => {
    // Act
    const signal = normalizeOne(task({}, [{ name: 'web', exitCode: 1 }, { name: 'sidecar', exitCode: 0 }, {}]));

    // Assess
    expect(signal.reason).toBe('Essential container in task exited; container web: exit code 1');
  });

  it('shows clean exit codes when no container did anything notable', () => {
    // Act
    const signal = normalizeOne(task({ stoppedReason: undefined }, [{ exitCode: 0 }]));

    // Assess
    expect(signal.reason).toBe('container (unnamed): exit code 0');
  });
});
