/** @module Local stack (HTTP edge): a dead letter as `GET /api/dlq` lists it — its reason and a one-line idea of what it carried. */
import type { DeadLetter } from '../in-process-queue.ts';

export interface DeadLetterView {
  messageId: string;
  reason: string;
  receiveCount: number;
  /** What the body was, in one short line: the event's source and type, a refresh and its alert, or its first characters. */
  description: string;
  bytes: number;
}

const MAX_DESCRIPTION = 160;

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_DESCRIPTION ? `${line.slice(0, MAX_DESCRIPTION - 1)}…` : line;
}

function field(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Names what the body holds without trusting its shape: anything unreadable is shown as its first characters. */
export function describeBody(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return clip(`not JSON: ${body}`);
  }
  if (typeof parsed !== 'object' || parsed === null) return clip(`JSON ${body}`);
  const o = parsed as Record<string, unknown>;
  if (field(o.clarion)) return clip(`clarion ${String(o.clarion)}${field(o.alertKey) ? ` for ${String(o.alertKey)}` : ''}${field(o.reason) ? ` (${String(o.reason)})` : ''}`);
  if (Array.isArray(o.Records)) return clip(`a batch of ${o.Records.length} record${o.Records.length === 1 ? '' : 's'}`);
  const source = field(o.source);
  const type = field(o['detail-type']);
  if (source || type) return clip(`${source ?? 'unknown source'} / ${type ?? 'unknown type'}${field(o.id) ? ` (id ${String(o.id)})` : ''}`);
  if (field(o.Type) === 'Notification') return clip(`SNS notification${field(o.Subject) ? `: ${String(o.Subject)}` : ''}`);
  if (field(o.AlarmName)) return clip(`CloudWatch alarm ${String(o.AlarmName)}`);
  return clip(body);
}

export function viewDeadLetter(letter: DeadLetter): DeadLetterView {
  return {
    messageId: letter.messageId,
    reason: letter.reason,
    receiveCount: letter.receiveCount,
    description: describeBody(letter.body),
    bytes: Buffer.byteLength(letter.body),
  };
}
