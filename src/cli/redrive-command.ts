/** @module CLI: `clarion redrive` — moves dead letters back to the signal queue and shows the progress. */
import { DeadLetterQueueError, queueArn, regionOfQueueUrl, startRedrive, waitForRedrive } from '../adapters/dlq-redrive.ts';
import type { MoveProgress } from '../adapters/dlq-redrive.ts';
import { deadLetterQueueUrl, defaultSqsDeps } from './dlq-command.ts';
import type { SqsDeps } from './dlq-command.ts';
import type { CliOptions } from './main.ts';
import type { Io } from './io.ts';
import { UsageError } from './usage-error.ts';

export interface RedriveDeps extends SqsDeps {
  sleep?: (ms: number) => Promise<void>;
}

function line(progress: MoveProgress): string {
  const of = progress.toMove !== undefined ? ` of ${progress.toMove}` : '';
  return `${progress.status}: ${progress.moved}${of} moved${progress.failureReason ? ` — ${progress.failureReason}` : ''}`;
}

export async function runRedrive(options: CliOptions, io: Io, deps: RedriveDeps = defaultSqsDeps()): Promise<number> {
  const dlqUrl = deadLetterQueueUrl(options, deps.env);
  const queueUrl = options['queue-url'] ?? deps.env['CLARION_SIGNAL_QUEUE_URL'];
  if (!queueUrl) throw new UsageError('give --queue-url URL or set CLARION_SIGNAL_QUEUE_URL (the signalQueueUrl output of sst deploy)');
  const maxPerSecond = options['max-per-second'] === undefined ? undefined : Number(options['max-per-second']);
  if (maxPerSecond !== undefined && (!Number.isInteger(maxPerSecond) || maxPerSecond < 1 || maxPerSecond > 500)) {
    throw new UsageError('--max-per-second must be a whole number from 1 to 500');
  }
  const client = deps.sqs(regionOfQueueUrl(dlqUrl));
  try {
    const sourceArn = await queueArn(client, dlqUrl);
    const destinationArn = await queueArn(client, queueUrl);
    const taskHandle = await startRedrive({ client, sourceArn, destinationArn, ...(maxPerSecond ? { maxPerSecond } : {}) });
    io.stderr(`Moving messages from ${sourceArn} to ${destinationArn}…\n`);
    if (options.detach) {
      io.stdout(`Started${taskHandle ? ` (task ${taskHandle})` : ''}; \`aws sqs list-message-move-tasks --source-arn ${sourceArn}\` shows progress.\n`);
      return 0;
    }
    let shown = '';
    const final = await waitForRedrive({
      client,
      sourceArn,
      ...(taskHandle ? { taskHandle } : {}),
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
      onProgress: (progress) => {
        const text = line(progress);
        if (text !== shown) io.stderr(`  ${text}\n`);
        shown = text;
      },
    });
    io.stdout(`${final.status === 'COMPLETED' ? 'Done' : 'Stopped'}: ${final.moved} message${final.moved === 1 ? '' : 's'} moved back to the signal queue.\n`);
    return final.status === 'COMPLETED' ? 0 : 1;
  } catch (error) {
    if (!(error instanceof DeadLetterQueueError)) throw error;
    io.stderr(`clarion: ${error.message}\n`);
    return 1;
  }
}
