/** @module Render (templates): the lifecycle times templates show (started, acknowledged, snoozed, resolved after). */
import type { RenderInput } from '../../src/core/alert.ts';
import { formatDuration } from '../../src/slack/format-time.ts';

/** A Date for an ISO string, or undefined when absent or unparsable (a bad time must not stop an alert). */
export function parseTime(iso: string | undefined): Date | undefined {
  if (iso === undefined) return undefined;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** When the problem started: the first sighting the state store knows, else the signal's own time. */
export function startedAt(input: RenderInput): Date | undefined {
  return parseTime(input.lifecycle?.firstSeen) ?? parseTime(input.alert.signal.time);
}

/** When it recovered: the recorded resolve time, else the time of the resolving signal. */
export function resolvedAt(input: RenderInput): Date | undefined {
  return parseTime(input.lifecycle?.resolvedAt) ?? parseTime(input.alert.signal.time);
}

/** "12 minutes" from first sighting to recovery, or undefined when the start is not known. */
export function resolvedAfter(input: RenderInput): string | undefined {
  const start = parseTime(input.lifecycle?.firstSeen);
  const end = resolvedAt(input);
  if (!start || !end || end.getTime() < start.getTime()) return undefined;
  return formatDuration(end.getTime() - start.getTime());
}

/** The snooze end, only while it is still in the future; `until-resolved` lasts until the alert recovers, `until-lifted` until someone presses Unsnooze. */
export function snoozedUntil(input: RenderInput): Date | 'until-resolved' | 'until-lifted' | undefined {
  if (input.lifecycle?.snoozedUntil === 'until-resolved' || input.lifecycle?.snoozedUntil === 'until-lifted') return input.lifecycle.snoozedUntil;
  const until = parseTime(input.lifecycle?.snoozedUntil);
  return until && until.getTime() > input.now.getTime() ? until : undefined;
}

export function isAcknowledged(input: RenderInput): boolean {
  return Boolean(input.lifecycle?.acknowledgedBy);
}

/** Non-technical readers hear "fixed" only once the quiet period confirmed it. */
export function isFixConfirmed(input: RenderInput): boolean {
  return input.alert.phase === 'resolved' && input.lifecycle?.fixConfirmed !== false;
}

/** When product leads can expect the next update, while the alert is still open. */
export function nextUpdateBy(input: RenderInput): Date | undefined {
  const seconds = input.alert.nextUpdateSeconds;
  if (seconds === undefined || seconds <= 0 || input.alert.phase !== 'firing') return undefined;
  return new Date(input.now.getTime() + seconds * 1000);
}
