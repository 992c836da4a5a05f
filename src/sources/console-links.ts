/** @module Stage 1, normalize: Region-aware AWS console deep links for the things signals are about. */
import type { Link } from '../core/signal.ts';
import { isRegionCode } from './arn.ts';

/*
 * Every builder returns `undefined` when the Region is not a real Region code (test payloads carry
 * `REGION` or `EXAMPLE`), because a wrong link in an alert is worse than none.
 */

function consoleBase(region: string): string {
  return region.startsWith('cn-') ? `https://${region}.console.amazonaws.cn` : `https://${region}.console.aws.amazon.com`;
}

function link(label: string, region: string | undefined, path: (base: string, region: string) => string): Link | undefined {
  return isRegionCode(region) ? { label, url: path(consoleBase(region), region) } : undefined;
}

/** CloudWatch Logs console paths encode twice and then swap `%` for `$`. */
function logsPathPart(value: string): string {
  return encodeURIComponent(encodeURIComponent(value)).replace(/%/g, '$');
}

export function alarmLink(region: string | undefined, alarmName: string): Link | undefined {
  return link('View alarm in console', region, (b, r) => `${b}/cloudwatch/home?region=${r}#alarmsV2:alarm/${encodeURIComponent(alarmName)}`);
}

export function ecsTaskLink(region: string | undefined, cluster: string, taskId: string): Link | undefined {
  return link('View task in console', region, (b, r) =>
    `${b}/ecs/v2/clusters/${encodeURIComponent(cluster)}/tasks/${encodeURIComponent(taskId)}/configuration?region=${r}`,
  );
}

export function ecsServiceLink(region: string | undefined, cluster: string, service: string): Link | undefined {
  return link('View service in console', region, (b, r) =>
    `${b}/ecs/v2/clusters/${encodeURIComponent(cluster)}/services/${encodeURIComponent(service)}/health?region=${r}`,
  );
}

export function glueJobRunsLink(region: string | undefined, jobName: string): Link | undefined {
  return link('View job runs in console', region, (b, r) => `${b}/gluestudio/home?region=${r}#/editor/job/${encodeURIComponent(jobName)}/runs`);
}

export function batchJobLink(region: string | undefined, jobId: string): Link | undefined {
  return link('View job in console', region, (b, r) => `${b}/batch/home?region=${r}#jobs/detail/${encodeURIComponent(jobId)}`);
}

export function logStreamLink(region: string | undefined, group: string, stream: string): Link | undefined {
  return link('View logs', region, (b, r) =>
    `${b}/cloudwatch/home?region=${r}#logsV2:log-groups/log-group/${logsPathPart(group)}/log-events/${logsPathPart(stream)}`,
  );
}

export function stepFunctionsExecutionLink(region: string | undefined, executionArn: string): Link | undefined {
  return link('View execution in console', region, (b, r) => `${b}/states/home?region=${r}#/v2/executions/details/${encodeURIComponent(executionArn)}`);
}

export function stepFunctionsStateMachineLink(region: string | undefined, stateMachineArn: string): Link | undefined {
  return link('View state machine in console', region, (b, r) => `${b}/states/home?region=${r}#/statemachines/view/${encodeURIComponent(stateMachineArn)}`);
}

/** The Health dashboard is global, so this one needs no Region. */
export function healthEventLink(eventArn: string): Link {
  return {
    label: 'View event in AWS Health Dashboard',
    url: `https://health.aws.amazon.com/health/home#/account/event-log?eventID=${encodeURIComponent(eventArn)}&eventTab=details`,
  };
}

export function rdsDatabaseLink(region: string | undefined, identifier: string, isCluster: boolean): Link | undefined {
  return link('View database in console', region, (b, r) =>
    `${b}/rds/home?region=${r}#database:id=${encodeURIComponent(identifier)};is-cluster=${isCluster}`,
  );
}

export function rdsEventsLink(region: string | undefined): Link | undefined {
  return link('View RDS events in console', region, (b, r) => `${b}/rds/home?region=${r}#events:`);
}

export function codePipelineExecutionLink(region: string | undefined, pipeline: string, executionId: string | undefined): Link | undefined {
  const name = encodeURIComponent(pipeline);
  return executionId === undefined
    ? link('View pipeline in console', region, (b, r) => `${b}/codesuite/codepipeline/pipelines/${name}/view?region=${r}`)
    : link('View execution in console', region, (b, r) =>
        `${b}/codesuite/codepipeline/pipelines/${name}/executions/${encodeURIComponent(executionId)}/timeline?region=${r}`,
      );
}

export function backupJobLink(region: string | undefined, jobType: 'backup' | 'copy' | 'restore', jobId: string): Link | undefined {
  return link('View job in console', region, (b, r) => `${b}/backup/home?region=${r}#/jobs/${jobType}/details/${encodeURIComponent(jobId)}`);
}

export function lambdaFunctionLink(region: string | undefined, functionName: string): Link | undefined {
  return link('View function in console', region, (b, r) =>
    `${b}/lambda/home?region=${r}#/functions/${encodeURIComponent(functionName)}?tab=monitor`,
  );
}

/** The links that could be built, in order. */
export function links(...candidates: Array<Link | undefined>): Link[] {
  return candidates.filter((l): l is Link => l !== undefined);
}
