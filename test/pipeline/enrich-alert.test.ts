import { describe, expect, it } from 'vitest';
import { CatalogEntry } from '../../src/catalog/schema.ts';
import type { CatalogEntryInput } from '../../src/catalog/schema.ts';
import { MAX_VALUE_LENGTH, enrichAlert, valueText } from '../../src/pipeline/enrich-alert.ts';
import { parseDuration } from '../../src/pipeline/parse-duration.ts';
import { makeSignal } from '../support/make-alert.ts';

function entry(overrides: Partial<CatalogEntryInput> = {}): CatalogEntry {
  return CatalogEntry.parse({
    id: 'web.down',
    title: 'Web {{alarm.name}} is down',
    match: { family: 'cloudwatch-alarm', name: 'web-down' },
    severity: 'critical',
    impact: { level: 'outage', summary: 'Nobody can use {{signal.name}}.' },
    audiences: ['techies', 'local-office'],
    runbook: 'https://runbooks.example.org/{{alarm.name}}',
    fix: ['Restart {{alarm.name}}.'],
    summary: { firing: 'Down in {{signal.region}}.', resolved: 'Back up.' },
    comms: { 'local-office': { firing: 'It is down.', noData: 'We cannot tell.', resolved: 'It works again.' } },
    ...overrides,
  });
}

const hostile = 'web <!channel> *x*';
const signal = (overrides = {}) =>
  makeSignal({ name: hostile, vars: { alarm: { name: hostile }, signal: { name: hostile, region: 'eu-west-2' } }, ...overrides });

function alertOf(result: ReturnType<typeof enrichAlert>) {
  if ('ignored' in result) throw new Error(`ignored: ${result.ignored}`);
  return result.alert;
}

describe('Stage: enrich', () => {
  it('fills placeholders in author text with escaped values', () => {
    // Act
    const alert = alertOf(enrichAlert(signal(), entry(), 'techies'));

    // Assess
    expect(alert.impact.summary).toBe('Nobody can use web &lt;!channel&gt; \u2217x\u2217.');
    expect(alert.fix).toEqual(['Restart web &lt;!channel&gt; \u2217x\u2217.']);
  });

  it('shows an identifier filled into prose as code, exact', () => {
    // Prepare
    const named = makeSignal({ vars: { alarm: { name: 'room_bookings_prod' } } });

    // Act
    const alert = alertOf(enrichAlert(named, entry(), 'techies'));

    // Assess
    expect(alert.fix).toEqual(['Restart `room_bookings_prod`.']);
  });

  it('fills a placeholder inside the author\'s own code span with code escaping', () => {
    // Prepare
    const named = makeSignal({ vars: { alarm: { name: 'a_b <!here>' } } });

    // Act
    const alert = alertOf(enrichAlert(named, entry({ fix: ['Run `restart {{alarm.name}}` now, then {{alarm.name}}.'] }), 'techies'));

    // Assess
    expect(alert.fix).toEqual(['Run `restart a_b &lt;!here&gt;` now, then a\u02CDb &lt;!here&gt;.']);
  });

  it('says where an anomaly alarm\'s value was against its band, not "the limit of unknown"', () => {
    // Prepare
    const metric = { dimensions: {}, recentValues: [0], comparison: 'LessThanLowerOrGreaterThanUpperThreshold', lowerThresholds: [0.0206], upperThresholds: [0.3007] };
    const band = makeSignal({ metric, vars: { metric: { value: 0, lowerThreshold: 0.0206, upperThreshold: 0.3007 } } });
    const summary = { firing: 'Failed requests are {{metric.value}}%, above the limit of {{metric.threshold}}%. Check the logs.' };

    // Act
    const alert = alertOf(enrichAlert(band, entry({ summary }), 'techies'));

    // Assess
    expect(alert.summary).toBe('The latest value, 0, is below its expected band (0.02 to 0.3). Check the logs.');
  });

  it('says an anomaly alarm was outside its expected band when the event gives no values', () => {
    // Prepare
    const metric = { dimensions: {}, recentValues: [], comparison: 'LessThanLowerOrGreaterThanUpperThreshold' };
    const alarm = { name: 'a', type: 'anomaly-detection' as const, value: 'ALARM' as const, tags: {} };
    const band = makeSignal({ metric, alarm, vars: { metric: {} } });

    // Act
    const alert = alertOf(enrichAlert(band, entry({ summary: { firing: 'Above the limit of {{metric.threshold}}%.' } }), 'techies'));

    // Assess
    expect(alert.summary).toBe('The value is outside its expected band.');
  });

  it('leaves the threshold placeholder of a threshold alarm as it is', () => {
    // Prepare
    const metric = { dimensions: {}, recentValues: [7], threshold: 5 };
    const plain = makeSignal({ metric, vars: { metric: { value: 7, threshold: 5 } } });

    // Act
    const alert = alertOf(enrichAlert(plain, entry({ summary: { firing: 'At {{metric.value}}%, above the limit of {{metric.threshold}}%.' } }), 'techies'));

    // Assess
    expect(alert.summary).toBe('At 7%, above the limit of 5%.');
  });

  it('fills the plain-text title with the raw value', () => {
    // Act
    const alert = alertOf(enrichAlert(signal(), entry(), 'techies'));

    // Assess
    expect(alert.title).toBe(`Web ${hostile} is down`);
  });

  it('fills the past-tense title raw and the past-tense summary escaped, as their present-tense twins', () => {
    // Prepare
    const fixedWording = entry({
      titleWhenFixed: 'Web {{alarm.name}} was down',
      impact: { level: 'outage', summary: 'Nobody can use {{signal.name}}.', summaryWhenFixed: 'Nobody could use {{signal.name}}.' },
    });

    // Act
    const alert = alertOf(enrichAlert(signal({ state: 'resolved' }), fixedWording, 'techies'));

    // Assess
    expect([alert.titleWhenFixed, alert.impact.summaryWhenFixed]).toEqual([
      `Web ${hostile} was down`,
      'Nobody could use web &lt;!channel&gt; \u2217x\u2217.',
    ]);
  });

  it('keeps the past-tense wording on a firing alert, which a Resolve press re-renders from', () => {
    // Prepare
    const fixedWording = entry({ titleWhenFixed: 'Web was down', impact: { level: 'outage', summary: 'Down.', summaryWhenFixed: 'It was down.' } });

    // Act
    const alert = alertOf(enrichAlert(signal(), fixedWording, 'techies'));

    // Assess
    expect([alert.titleWhenFixed, alert.impact.summaryWhenFixed]).toEqual(['Web was down', 'It was down.']);
  });

  it('URL-encodes placeholder values inside links', () => {
    // Act
    const alert = alertOf(enrichAlert(signal(), entry(), 'techies'));

    // Assess
    expect(alert.runbook).toBe(`https://runbooks.example.org/${encodeURIComponent(hostile)}`);
  });

  it('picks the text for the firing state', () => {
    // Act
    const alert = alertOf(enrichAlert(signal(), entry(), 'techies'));

    // Assess
    expect(alert).toMatchObject({ phase: 'firing', summary: 'Down in eu-west-2.', comms: { 'local-office': 'It is down.' } });
  });

  it('picks the text for the resolved state', () => {
    // Act
    const alert = alertOf(enrichAlert(signal({ state: 'resolved' }), entry(), 'techies'));

    // Assess
    expect(alert).toMatchObject({ phase: 'resolved', summary: 'Back up.', comms: { 'local-office': 'It works again.' } });
  });

  it('uses the no-data text when an alarm has no data', () => {
    // Act
    const alert = alertOf(enrichAlert(signal({ noData: true }), entry(), 'techies'));

    // Assess
    expect(alert).toMatchObject({ phase: 'noData', summary: 'Down in eu-west-2.', comms: { 'local-office': 'We cannot tell.' } });
  });

  it('treats no data as resolved when the entry says so', () => {
    // Act
    const alert = alertOf(enrichAlert(signal({ noData: true }), entry({ onNoData: 'resolve' }), 'techies'));

    // Assess
    expect(alert.phase).toBe('resolved');
  });

  it('ignores no data when the entry says so', () => {
    // Act
    const result = enrichAlert(signal({ noData: true }), entry({ onNoData: 'ignore' }), 'techies');

    // Assess
    expect(result).toEqual({ ignored: 'no data, and web.down says onNoData: ignore' });
  });

  it('passes on the reason of an ignored signal', () => {
    // Act
    const result = enrichAlert(signal({ state: 'ignore', ignoreReason: 'the task is running' }), entry(), 'techies');

    // Assess
    expect(result).toEqual({ ignored: 'the task is running' });
  });

  it('keys the alert by catalog id and signal key', () => {
    // Act
    const alert = alertOf(enrichAlert(signal(), entry(), 'techies'));

    // Assess
    expect(alert.alertKey).toBe(`web.down|${alert.signal.key}`);
    expect(alert.quietPeriodSeconds).toBe(600);
  });

  it('sends an uncatalogued signal to the fallback audience only', () => {
    // Act
    const alert = alertOf(enrichAlert(signal({ severityHint: 'low' }), null, 'techies'));

    // Assess
    expect(alert).toMatchObject({ catalogId: null, audiences: ['techies'], severity: 'low', alertKey: expect.stringMatching(/^uncatalogued\|/) });
  });

  it('appends the signal links after the entry links', () => {
    // Act
    const alert = alertOf(enrichAlert(signal(), entry({ links: [{ label: 'Dashboard', url: 'https://d.example.org' }] }), 'techies'));

    // Assess
    expect(alert.links[0]).toEqual({ label: 'Dashboard', url: 'https://d.example.org' });
    expect(alert.links.length).toBe(1 + alert.signal.links.length);
  });

  it.each([
    [{ a: { b: 'text' } }, 'a.b', 'text'],
    [{ a: 3.14159 }, 'a', '3.14'],
    [{ a: 42 }, 'a', '42'],
    [{ a: true }, 'a', 'yes'],
    [{ a: [1, 2] }, 'a', '1, 2'],
    [{ a: { b: 1 } }, 'a', '{"b":1}'],
    [{ a: null }, 'a', 'unknown'],
    [{ a: 'x' }, 'a.b.c', 'unknown'],
    [{}, 'missing', 'unknown'],
  ])('shows %j at %s as %s', (vars, path, expected) => {
    // Act
    const text = valueText(vars, path);

    // Assess
    expect(text).toBe(expected);
  });

  it('reads catalog durations in seconds', () => {
    // Act
    const values = ['30s', '10m', '4h', '2d'].map(parseDuration);

    // Assess
    expect(values).toEqual([30, 600, 14400, 172800]);
    expect(() => parseDuration('soon')).toThrow('"soon" is not a duration');
  });
});

describe('Stage: enrich, on hostile values', () => {
  it('bounds the alert key of a signal whose key is huge', () => {
    // Act
    const alert = alertOf(enrichAlert(signal({ key: `cloudwatch-alarm:${'x'.repeat(100_000)}` }), entry(), 'techies'));

    // Assess
    expect(Buffer.byteLength(alert.alertKey)).toBeLessThanOrEqual(512);
  });

  it('shows at most MAX_VALUE_LENGTH characters of one placeholder value', () => {
    // Act
    const alert = alertOf(enrichAlert(signal({ vars: { alarm: { name: 'x'.repeat(100_000) } } }), entry(), 'techies'));

    // Assess
    expect(alert.fix[0]!.length).toBeLessThanOrEqual(MAX_VALUE_LENGTH + 'Restart .'.length);
  });

  it('fills a URL placeholder whose value has a lone surrogate', () => {
    // Act
    const alert = alertOf(enrichAlert(signal({ vars: { alarm: { name: 'web\uD800' } } }), entry(), 'techies'));

    // Assess
    expect(alert.runbook).toBe('https://runbooks.example.org/web%EF%BF%BD');
  });

  it('shows a list nested 10,000 levels deep without running out of stack', () => {
    // Prepare
    const deep: unknown = JSON.parse(`${'['.repeat(10_000)}1${']'.repeat(10_000)}`);

    // Act
    const shown = valueText({ detail: { deep } }, 'detail.deep');

    // Assess
    expect(shown).toEqual(expect.any(String));
  });

  it('reads nothing from the prototype of a value', () => {
    // Act
    const shown = valueText({ detail: {} }, 'detail.constructor');

    // Assess
    expect(shown).toBe('unknown');
  });
});
