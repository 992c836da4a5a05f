/** @module Local stack: turns a shipped sample into a new occurrence (new id, happening now), so firing it twice is two events, not a duplicate. */

/** CloudWatch writes alarm times as `2026-11-22T09:14:05.412+0000`. */
function alarmTime(now: Date): string {
  return now.toISOString().replace('Z', '+0000');
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const HTTP_TIME = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
/** Keys whose epoch-millisecond numbers are times (`startDate`, `stoppedAt`, `createdAt`, `timestamp`). */
const TIME_KEY = /(?:date|at|time|timestamp)$/i;

function parseIso(text: string): number {
  return Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

/** The same instant written the way the sample wrote its own (with or without milliseconds, `Z` or `+0000`). */
function writeLike(original: string, ms: number): string {
  const iso = new Date(ms).toISOString();
  const withMs = /\.\d+/.test(original) ? iso : iso.replace(/\.\d{3}Z$/, 'Z');
  return /[+-]\d{4}$/.test(original) ? withMs.replace('Z', '+0000') : withMs;
}

/**
 * Moves every time inside the event by `delta` ms, so a task's start, a job's stop or a backup's
 * creation keep their distance from the event's own time: families whose normalizer reads the
 * time from their detail then happen now too, not on the day the sample was captured.
 */
function shiftTimes(value: unknown, delta: number, key = ''): unknown {
  if (typeof value === 'string') {
    if (ISO_TIME.test(value) && !Number.isNaN(parseIso(value))) return writeLike(value, parseIso(value) + delta);
    // AWS Health writes `Sun, 22 Nov 2026 08:21:00 GMT`.
    if (HTTP_TIME.test(value) && !Number.isNaN(Date.parse(value))) return new Date(Date.parse(value) + delta).toUTCString();
    return value;
  }
  if (typeof value === 'number') return TIME_KEY.test(key) && value >= 1e12 && value < 1e13 ? Math.round(value + delta) : value;
  if (Array.isArray(value)) return value.map((item) => shiftTimes(item, delta, key));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftTimes(v, delta, k)]));
  return value;
}

function freshenOne(event: Record<string, unknown>, now: Date, suffix: string): Record<string, unknown> {
  const reference = typeof event.time === 'string' ? parseIso(event.time) : Number.NaN;
  const copy: Record<string, unknown> = Number.isNaN(reference) ? { ...event } : (shiftTimes(event, now.getTime() - reference) as Record<string, unknown>);
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
