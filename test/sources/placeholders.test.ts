import { describe, expect, it } from 'vitest';
import type { SignalFamily } from '../../src/core/signal.ts';
import { SIGNAL_FAMILIES } from '../../src/core/signal.ts';
import { normalizeEvent } from '../../src/sources/normalize-event.ts';
import { FAMILY_PLACEHOLDERS, canFill } from '../../src/sources/placeholders.ts';
import { RECEIVED_AT, loadSample, sampleNames } from './sample-events.ts';

/** Every dotted path to a leaf value in `vars`. */
function leafPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return prefix ? [prefix] : [];
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return prefix ? [prefix] : [];
  return entries.flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
}

describe('FAMILY_PLACEHOLDERS and canFill', () => {
  it('lists placeholders for every family', () => {
    // Act
    const families = Object.keys(FAMILY_PLACEHOLDERS).sort();

    // Assess
    expect(families).toEqual([...SIGNAL_FAMILIES].sort());
  });

  it('lets every family fill the common signal and event placeholders', () => {
    // Act
    const fillable = SIGNAL_FAMILIES.every((f) => ['signal.title', 'signal.region', 'event.source', 'event.detail-type'].every((p) => canFill(f, p)));

    // Assess
    expect(fillable).toBe(true);
  });

  it('rejects a Glue placeholder on a CloudWatch alarm entry', () => {
    // Act
    const result = canFill('cloudwatch-alarm', 'detail.jobName');

    // Assess
    expect(result).toBe(false);
  });

  it('accepts a Glue placeholder on a Glue entry', () => {
    // Act
    const result = canFill('glue-job', 'detail.jobName');

    // Assess
    expect(result).toBe(true);
  });

  it('accepts any dimension of an alarm metric', () => {
    // Act
    const result = [canFill('cloudwatch-alarm', 'metric.dimensions.LoadBalancer'), canFill('cloudwatch-alarm', 'metric.dimensions')];

    // Assess
    expect(result).toEqual([true, true]);
  });

  it('accepts any detail field of a custom or generic event', () => {
    // Act
    const result = [canFill('clarion', 'detail.recordsProcessed'), canFill('generic', 'detail.a.b.c')];

    // Assess
    expect(result).toEqual([true, true]);
  });

  it('rejects alarm placeholders on other families and unknown paths everywhere', () => {
    // Act
    const result = [canFill('clarion', 'alarm.name'), canFill('glue-job', 'detailjobName'), canFill('generic', ''), canFill('nope' as SignalFamily, 'signal.title')];

    // Assess
    expect(result).toEqual([false, false, false, false]);
  });

  it('ignores spaces around a path', () => {
    // Act
    const result = canFill('cloudwatch-alarm', ' alarm.name ');

    // Assess
    expect(result).toBe(true);
  });

  it.each(sampleNames())('declares every value the signal of %s fills', (file) => {
    // Prepare
    const [signal] = normalizeEvent(loadSample(file), { receivedAt: RECEIVED_AT });

    // Act
    const undeclared = leafPaths(signal!.vars).filter((p) => !p.startsWith('normalizer.') && !canFill(signal!.family, p));

    // Assess
    expect(undeclared).toEqual([]);
  });
});
