/** @module Adapters (stage 8, deliver): sends plain-text notices to an SNS topic for e-mail and SMS audiences. */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { PlainTextPort } from '../core/ports.ts';
import { classifyAwsError } from './classify-aws-error.ts';
import type { AwsErrorCodes } from './classify-aws-error.ts';

/*
 * SNS rejects the whole Publish when the subject breaks its rules (ASCII only, no line breaks or
 * control characters, under 100 characters) or the message passes 256 KB, so both are made to
 * fit here rather than lose the notice. The attribute is budgeted out of the 256 KB as well, to be safe.
 */
const SUBJECT_MAX = 99;
const MESSAGE_MAX_BYTES = 256 * 1024;
/** Room left for the attributes' names and types and for SNS's own accounting. */
const MESSAGE_RESERVE_BYTES = 1024;
const TRUNCATED_NOTE = '\n\n[Message shortened: the full alert is in Slack.]';

const SNS_ERRORS: AwsErrorCodes = {
  // Topic, permission and KMS problems: retrying will not help until the setup changes.
  config: new Set([
    'InvalidParameter',
    'InvalidParameterValue',
    'NotFound',
    'AuthorizationError',
    'InvalidSecurity',
    'KMSAccessDenied',
    'KMSDisabled',
    'KMSInvalidState',
    'KMSNotFound',
    'KMSOptInRequired',
    'ValidationError',
    'Validation',
  ]),
  throttled: new Set(['Throttled', 'Throttling', 'KMSThrottling']),
  internal: 'InternalError',
};

export interface SnsPlainTextOptions {
  /** Default: a client configured from the environment (the Lambda's region and role). */
  client?: SNSClient;
}

export function createSnsPlainText(options: SnsPlainTextOptions = {}): PlainTextPort {
  const client = options.client ?? new SNSClient({});
  return {
    async send({ topicArn, subject, text, alertKey }): Promise<void> {
      const safeSubject = snsSubject(subject);
      const attributeBytes = utf8Length('alertKey') + utf8Length('String') + utf8Length(alertKey);
      // SNS refuses an empty message; the subject is the least that says something.
      const body = text.trim() === '' ? safeSubject : text;
      try {
        await client.send(
          new PublishCommand({
            TopicArn: topicArn,
            Subject: safeSubject,
            Message: truncateUtf8(body, MESSAGE_MAX_BYTES - MESSAGE_RESERVE_BYTES - attributeBytes, TRUNCATED_NOTE),
            // Lets subscribers filter or deduplicate per alert; SNS refuses empty attribute values.
            ...(alertKey ? { MessageAttributes: { alertKey: { DataType: 'String', StringValue: alertKey } } } : {}),
          }),
        );
      } catch (error) {
        throw classifyAwsError(error, `SNS Publish to ${topicArn}`, SNS_ERRORS);
      }
    },
  };
}

const ASCII_REPLACEMENTS: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00B7': '-',
  '\u2022': '-',
};

/** A subject SNS accepts: printable ASCII on one line, at most 99 characters, never empty. */
export function snsSubject(subject: string): string {
  const ascii = subject
    .replace(/[\u2018\u2019\u201C\u201D\u2013\u2014\u2026\u00B7\u2022]/g, (c) => ASCII_REPLACEMENTS[c] ?? c)
    // é → e: the accent is a combining mark after NFKD, and dropped below with the rest.
    .normalize('NFKD')
    .replace(/\s+/g, ' ')
    .replace(/[^\x20-\x7E]/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
  const text = ascii === '' ? 'Clarion alert' : ascii;
  return text.length <= SUBJECT_MAX ? text : `${text.slice(0, SUBJECT_MAX - 3).trimEnd()}...`;
}

/** Cuts `text` to at most `maxBytes` of UTF-8, on a character boundary, ending with `note`. */
export function truncateUtf8(text: string, maxBytes: number, note = ''): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  let end = Math.max(0, maxBytes - utf8Length(note));
  // Step back over continuation bytes (10xxxxxx) so no character is cut in half.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end).toString('utf8') + note;
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
