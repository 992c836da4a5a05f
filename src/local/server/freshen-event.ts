/** @module Local stack: turns a shipped sample into a new occurrence (new id, happening now), so firing it twice is two events, not a duplicate. */

/** CloudWatch writes alarm times as `2026-11-22T09:14:05.412+0000`. */
function alarmTime(now: Date): string {
  return now.toISOString().replace('Z', '+0000');
}

function freshenOne(event: Record<string, unknown>, now: Date, suffix: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...event };
  if (typeof copy.id === 'string') copy.id = `${copy.id}-${suffix}`;
  if (typeof copy.time === 'string') copy.time = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const detail = copy.detail as Record<string, unknown> | undefined;
  const state = detail?.state as Record<string, unknown> | undefined;
  if (detail && state && typeof state.timestamp === 'string') copy.detail = { ...detail, state: { ...state, timestamp: alarmTime(now) } };
  // An alarm action's SNS notification: the message id is the event id, the alarm time is inside the message.
  const sns = copy.Sns as Record<string, unknown> | undefined;
  if (sns) {
    const next: Record<string, unknown> = { ...sns };
    if (typeof next.MessageId === 'string') next.MessageId = `${next.MessageId}-${suffix}`;
    if (typeof next.Timestamp === 'string') next.Timestamp = now.toISOString();
    if (typeof next.Message === 'string') {
      try {
        const message = JSON.parse(next.Message) as Record<string, unknown>;
        if (typeof message.StateChangeTime === 'string') message.StateChangeTime = alarmTime(now);
        next.Message = JSON.stringify(message);
      } catch {
        // Plain-text messages carry no time to move.
      }
    }
    copy.Sns = next;
  }
  return copy;
}

/** Works on a bare event, an EventBridge envelope, an SNS record and a `Records` batch of them. */
export function freshenEvent(raw: unknown, now: Date, suffix: string): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const event = raw as Record<string, unknown>;
  if (Array.isArray(event.Records)) {
    return { ...event, Records: event.Records.map((r: unknown) => (typeof r === 'object' && r !== null ? freshenOne(r as Record<string, unknown>, now, suffix) : r)) };
  }
  return freshenOne(event, now, suffix);
}
