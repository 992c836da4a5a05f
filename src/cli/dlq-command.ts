/** @module CLI: `clarion dlq` — what is in the dead-letter queue and why, without taking anything out. */
import { SQSClient } from '@aws-sdk/client-sqs';
import { DeadLetterQueueError, peekDeadLetters, regionOfQueueUrl } from '../adapters/dlq-redrive.ts';
import type { DeadLetter } from '../adapters/dlq-redrive.ts';
import type { CliOptions } from './main.ts';
import type { Io } from './io.ts';
import { UsageError } from './usage-error.ts';

export interface SqsDeps {
  sqs: (region: string | undefined) => SQSClient;
  env: Record<string, string | undefined>;
}

export const defaultSqsDeps = (): SqsDeps => ({ sqs: (region) => new SQSClient(region ? { region } : {}), env: process.env });

/** `--dlq-url`, else CLARION_DEAD_LETTER_QUEUE_URL (the `deadLetterQueueUrl` output of `sst deploy`). */
export function deadLetterQueueUrl(options: CliOptions, env: Record<string, string | undefined>): string {
  const url = options['dlq-url'] ?? env['CLARION_DEAD_LETTER_QUEUE_URL'];
  if (!url) throw new UsageError('give --dlq-url URL or set CLARION_DEAD_LETTER_QUEUE_URL (the deadLetterQueueUrl output of sst deploy)');
  return url;
}

function summary(letter: DeadLetter): string {
  const why =
    letter.origin === 'eventbridge'
      ? `EventBridge could not deliver it (rule ${letter.ruleArn}): ${letter.errorCode ?? 'unknown'} ${letter.errorMessage ?? ''}`
      : letter.origin === 'processor'
        ? `Slack refused it for good: ${letter.errorCode} ${letter.errorMessage ?? ''}`
        : 'the processor failed it on every receive; see its logs for this message id';
  const body = letter.body.length > 200 ? `${letter.body.slice(0, 200)}…` : letter.body;
  return [
    `${letter.messageId}${letter.sentAt ? `  sent ${letter.sentAt}` : ''}${letter.alertKey ? `  alert ${letter.alertKey}` : ''}`,
    `  why:  ${why.trim()}`,
    `  body: ${body}`,
  ].join('\n');
}

export async function runDlq(options: CliOptions, io: Io, deps: SqsDeps = defaultSqsDeps()): Promise<number> {
  const url = deadLetterQueueUrl(options, deps.env);
  const max = options.max === undefined ? 50 : Number(options.max);
  if (!Number.isInteger(max) || max < 1) throw new UsageError('--max must be a whole number above 0');
  let letters: DeadLetter[];
  try {
    letters = await peekDeadLetters({ client: deps.sqs(regionOfQueueUrl(url)), queueUrl: url, max });
  } catch (error) {
    if (!(error instanceof DeadLetterQueueError)) throw error;
    io.stderr(`clarion: ${error.message}\n`);
    return 1;
  }
  if (options.json) {
    io.stdout(`${JSON.stringify(letters, null, 2)}\n`);
    return 0;
  }
  if (letters.length === 0) {
    io.stdout('The dead-letter queue is empty.\n');
    return 0;
  }
  io.stdout(`${letters.length} message${letters.length === 1 ? '' : 's'} in the dead-letter queue${letters.length >= max ? ` (showing the first ${max})` : ''}:\n\n`);
  io.stdout(`${letters.map(summary).join('\n\n')}\n\nOnce the cause is fixed: clarion redrive\n`);
  return 0;
}
