/** @module Render (templates): the evidence engineers need from a signal (name, metric, reason, where, when), all escaped. */
import type { ContextBlock, MrkdwnElement, SectionBlock } from '@slack/types';
import type { RenderInput } from '../../src/core/alert.ts';
import type { Link, MetricEvidence, Signal } from '../../src/core/signal.ts';
import { formatDuration, slackDate } from '../../src/slack/format-time.ts';
import { truncate } from '../../src/slack/limits.ts';
import { linkList } from './links.ts';
import { personMention } from './people.ts';
import { code, esc, mrkdwn, oneLine, plain, plural, quote } from './text.ts';
import { parseTime, snoozedUntil } from './times.ts';

/** How much of AWS's reason to show; the console has the rest. */
const REASON_MAX = 1500;
const RECENT_VALUES_MAX = 10;
const PAIRS_MAX = 10;

/** The name as plain text, so it can be copied exactly (mrkdwn would need look-alike characters). */
export function nameBlock(signal: Signal): SectionBlock {
  return {
    type: 'section',
    block_id: 'clarion.name',
    text: mrkdwn(signal.alarm ? '*Alarm name*' : `*${esc(oneLine(signal.resource.type)) || 'Name'}*`),
    fields: [plain(signal.name || '(no name)')],
  };
}

const COMPARISONS: Record<string, string> = {
  GreaterThanOrEqualToThreshold: 'at or above',
  GreaterThanThreshold: 'above',
  LessThanThreshold: 'below',
  LessThanOrEqualToThreshold: 'at or below',
  LessThanLowerOrGreaterThanUpperThreshold: 'outside',
  LessThanLowerThreshold: 'below',
  GreaterThanUpperThreshold: 'above',
  '>=': 'at or above',
  '>': 'above',
  '<': 'below',
  '<=': 'at or below',
};

/** Comparisons against an anomaly-detection band rather than a fixed threshold. */
const BAND_COMPARISONS = new Set(['LessThanLowerOrGreaterThanUpperThreshold', 'LessThanLowerThreshold', 'GreaterThanUpperThreshold']);

const numberFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 });

/**
 * Numbers whose shortest form has at most three digits before and after the point: the formatter
 * writes them exactly as `String` does (no grouping, nothing to round; compared for two million
 * values), at a fraction of the cost. -0 is the exception: the formatter writes "-0".
 */
const PLAIN_NUMBER = /^-?\d{1,3}(?:\.\d{1,3})?$/;

function num(n: number): string {
  const plain = String(n);
  if (PLAIN_NUMBER.test(plain) && !Object.is(n, -0)) return plain;
  return Number.isFinite(n) ? numberFormat.format(n) : plain;
}

function unitSuffix(metric: MetricEvidence): string {
  // "above 5 Count" reads worse than "above 5"; other units (Percent, Seconds) say something.
  return metric.unit && metric.unit !== 'None' && metric.unit !== 'Count' ? ` ${esc(metric.unit)}` : '';
}

function metricText(m: MetricEvidence): string | undefined {
  const name = m.name ?? m.label;
  const lines: string[] = [];
  if (name) lines.push(m.namespace ? `${code(truncate(name, 250))} in ${code(truncate(m.namespace, 250))}` : code(truncate(name, 250)));
  if (m.expression) lines.push(`Expression ${code(truncate(m.expression, 300))}`);
  if (lines.length === 0) return undefined;
  const how = [m.stat ? esc(m.stat) : undefined, m.periodSeconds ? `per ${formatDuration(m.periodSeconds * 1000)}` : undefined]
    .filter(Boolean)
    .join(' ');
  if (how) lines.push(how);
  return lines.join('\n');
}

function thresholdText(m: MetricEvidence): string | undefined {
  const words = m.comparison === undefined ? undefined : (COMPARISONS[m.comparison] ?? esc(m.comparison));
  const lower = m.lowerThresholds?.[0];
  const upper = m.upperThresholds?.[0];
  let text: string;
  if (m.threshold !== undefined) text = `${words ?? 'compared with'} ${num(m.threshold)}${unitSuffix(m)}`;
  else if (lower !== undefined || upper !== undefined) {
    const band = `${lower === undefined ? '…' : num(lower)} to ${upper === undefined ? '…' : num(upper)}`;
    text = `${words ?? 'outside'} the expected band (${band})`;
  } else if (m.comparison && BAND_COMPARISONS.has(m.comparison)) {
    // An anomaly alarm's OK or no-data event carries no band values; its kind of limit is still known.
    text = `${words} its expected band`;
  } else return undefined;
  if (m.evaluationPeriods && m.periodSeconds) {
    text += `\nover ${plural(m.evaluationPeriods, 'period')} of ${formatDuration(m.periodSeconds * 1000)}`;
  }
  return text;
}

function recentValuesText(m: MetricEvidence): string | undefined {
  const values = m.recentValues;
  if (values.length === 0) return undefined;
  const shown = values.slice(-RECENT_VALUES_MAX).map(num).join(', ');
  const earlier = values.length - RECENT_VALUES_MAX;
  return earlier > 0 ? `${shown}\n(newest last; ${earlier} earlier not shown)` : `${shown}\n(newest last)`;
}

function pairsText(record: Record<string, string>): string | undefined {
  const entries = Object.entries(record);
  if (entries.length === 0) return undefined;
  const lines = entries
    .slice(0, PAIRS_MAX)
    .map(([k, v]) => code(`${truncate(oneLine(k), 100)}=${truncate(oneLine(v), 150)}`));
  if (entries.length > PAIRS_MAX) lines.push(`…and ${entries.length - PAIRS_MAX} more`);
  return lines.join('\n');
}

function field(label: string, value: string | undefined): MrkdwnElement | undefined {
  return value ? mrkdwn(`*${label}*\n${value}`) : undefined;
}

function whereText(signal: Signal): string | undefined {
  if (!signal.account && !signal.region) return undefined;
  return `${signal.account ? code(signal.account) : 'unknown account'} · ${signal.region ? code(signal.region) : 'unknown region'}`;
}

function resourceText(signal: Signal): string {
  const { type, name, arn } = signal.resource;
  const line = `${esc(oneLine(type))} ${code(truncate(name, 500)) || '(no name)'}`;
  return arn && arn !== name ? `${line}\n${code(truncate(arn, 500))}` : line;
}

function triggeredByText(signal: Signal): string | undefined {
  const children = signal.alarm?.triggeringAlarms ?? [];
  if (children.length === 0) return undefined;
  const shown = children.slice(0, 5).map((c) => code(truncate(c, 300)));
  return children.length > 5 ? `${shown.join('\n')}\n…and ${children.length - 5} more` : shown.join('\n');
}

/**
 * The evidence as section fields (at most 10): metric, threshold in words, recent values, resource,
 * account and region, time of the state change, then whatever else is known.
 */
export function evidenceBlock(input: RenderInput, extra: Array<[string, string | undefined]> = []): SectionBlock | undefined {
  const { signal } = input.alert;
  const m = signal.metric;
  const changed = parseTime(signal.time);
  const fields = [
    field('Metric', m && metricText(m)),
    field('Threshold', m && thresholdText(m)),
    field('Recent values', m && recentValuesText(m)),
    field('Resource', resourceText(signal)),
    field('Account · region', whereText(signal)),
    field('State changed', changed && slackDate(changed, input.timeZone)),
    ...extra.map(([label, value]) => field(label, value)),
    field('Triggered by', triggeredByText(signal)),
    field('Dimensions', m && pairsText(m.dimensions)),
    field('Tags', signal.alarm && pairsText(signal.alarm.tags)),
  ].filter((f): f is MrkdwnElement => f !== undefined);
  // Anything past ten is the least important (tags, dimensions); fitMessage would drop it anyway.
  return fields.length > 0 ? { type: 'section', block_id: 'clarion.evidence', fields: fields.slice(0, 10) } : undefined;
}

function reasonLabel(signal: Signal): string {
  if (signal.family === 'clarion') return 'Reason given by the app';
  if (signal.family === 'generic') return 'Reason';
  return 'Reason given by AWS';
}

/** AWS's own words, escaped, quoted and cut to a readable length. */
export function reasonBlock(signal: Signal): SectionBlock | undefined {
  const reason = signal.reason.trim();
  if (!reason) return undefined;
  return {
    type: 'section',
    block_id: 'clarion.reason',
    text: mrkdwn(`*${reasonLabel(signal)}*\n${quote(truncate(esc(reason), REASON_MAX))}`),
  };
}

export function linksBlock(links: Link[]): SectionBlock | undefined {
  if (links.length === 0) return undefined;
  return { type: 'section', block_id: 'clarion.links', text: mrkdwn(`*Links*\n${linkList(links)}`) };
}

/** Occurrences, first and last seen, who acknowledged and when, snoozed until. */
export function lifecycleBlock(input: RenderInput): ContextBlock | undefined {
  const l = input.lifecycle;
  if (!l) return undefined;
  const tz = input.timeZone;
  const elements: MrkdwnElement[] = [];
  const first = parseTime(l.firstSeen);
  const last = parseTime(l.lastSeen);
  if (first) {
    const seen = l.occurrences > 1 ? `Seen ${plural(l.occurrences, 'time')} · first ` : 'First seen ';
    // Once resolved, the newest event is the recovery, not a sighting of the problem.
    const lastPart = last && l.occurrences > 1 && input.alert.phase !== 'resolved' ? ` · last ${slackDate(last, tz)}` : '';
    elements.push(mrkdwn(`${seen}${slackDate(first, tz)}${lastPart}`));
  }
  if (l.acknowledgedBy) {
    const at = parseTime(l.acknowledgedAt);
    elements.push(mrkdwn(`Acknowledged by ${personMention(l.acknowledgedBy)}${at ? ` at ${slackDate(at, tz, 'time')}` : ''}`));
  }
  if (l.localOfficesTold) {
    const at = parseTime(l.localOfficesTold.at);
    elements.push(mrkdwn(`Local offices told by ${personMention(l.localOfficesTold.by)}${at ? ` at ${slackDate(at, tz, 'time')}` : ''}`));
  }
  const until = snoozedUntil(input);
  if (until && (input.alert.phase !== 'resolved' || until === 'until-lifted')) {
    const end = until === 'until-resolved' ? 'it recovers' : until === 'until-lifted' ? 'someone lifts it' : slackDate(until, tz);
    elements.push(mrkdwn(`Snoozed until ${end}: repeats are muted`));
  }
  return elements.length > 0 ? { type: 'context', block_id: 'clarion.lifecycle', elements } : undefined;
}
