// Previews are rendered from realistic sample signals: the values an author sees read like a real event of the entry's family.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/adapters/read-catalog-dir.ts';
import { SIGNAL_FAMILIES } from '../../src/core/signal.ts';
import type { SignalFamily } from '../../src/core/signal.ts';
import { CatalogEntry } from '../../src/catalog/schema.ts';
import type { CatalogEntryInput } from '../../src/catalog/schema.ts';
import { sampleSignalFor } from '../../src/catalog/sample-signal.ts';
import { enrichAlert, MISSING_VALUE } from '../../src/pipeline/enrich-alert.ts';
import { renderAlert } from '../../src/pipeline/render-event.ts';
import { blocksToPlainText } from '../../src/slack/blocks-to-plain-text.ts';

const NOW = new Date('2026-11-22T10:00:00Z');
const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

function entry(match: CatalogEntryInput['match'], texts: Partial<CatalogEntryInput> = {}): CatalogEntry {
  return CatalogEntry.parse({
    id: 'team.sample',
    title: 'Something failed',
    match,
    severity: 'high',
    impact: { level: 'major', summary: 'Reports are late.' },
    audiences: ['techies'],
    ...texts,
  });
}

describe('Catalog: sample signals for previews', () => {
  it.each(SIGNAL_FAMILIES.map((family) => [family]))('builds a %s signal carrying the name the entry matches', (family: SignalFamily) => {
    // Prepare
    const name = family === 'generic' ? 'app.billing/Invoice Run Failed' : 'billing-prod-invoices';

    // Act
    const signal = sampleSignalFor(entry({ family, name }), 'firing', NOW);

    // Assess
    expect(signal.family).toBe(family);
    expect(signal.name).toBe(name);
    expect(signal.state).toBe('firing');
  });

  it("gives an alarm the metric its name points at, with values past the threshold", () => {
    // Act
    const signal = sampleSignalFor(entry({ family: 'cloudwatch-alarm', name: 'checkout-prod-5xx-rate' }), 'firing', NOW);

    // Assess
    expect(signal.metric).toMatchObject({ namespace: 'AWS/ApplicationELB', name: 'HTTPCode_Target_5XX_Count', threshold: 50, recentValues: [64, 87] });
    expect(signal.metric?.dimensions).toEqual({ LoadBalancer: 'checkout-prod' });
    expect(signal.reason).toContain('were greater than the threshold (50.0)');
  });

  it('fills the alarm name placeholder with the alarm the entry names', () => {
    // Prepare
    const alarm = entry({ family: 'cloudwatch-alarm', name: 'web-prod-unhealthy-hosts' }, { summary: { firing: 'No healthy servers for {{alarm.name}}.' } });

    // Act
    const signal = sampleSignalFor(alarm, 'firing', NOW);

    // Assess
    expect(signal.vars).toMatchObject({ alarm: { name: 'web-prod-unhealthy-hosts' }, metric: { name: 'UnHealthyHostCount' } });
  });

  it('makes a glob concrete and shapes the event by the entry pattern', () => {
    // Prepare
    const rds = entry({ family: 'rds', glob: 'orders-db-*', pattern: { detail: { EventID: ['RDS-EVENT-0089'] } } });

    // Act
    const signal = sampleSignalFor(rds, 'firing', NOW);

    // Assess
    expect(signal.name).toBe('orders-db-prod');
    expect(signal.vars).toMatchObject({ detail: { EventID: 'RDS-EVENT-0089' } });
  });

  it('leaves out a pattern that would make the sample event another family\'s', () => {
    // Prepare
    const glue = entry({ family: 'glue-job', name: 'nightly-sync', pattern: { source: ['app.jobs'], detail: { state: ['FAILED'] } } });

    // Act
    const signal = sampleSignalFor(glue, 'firing', NOW);

    // Assess
    expect([signal.family, signal.name]).toEqual(['glue-job', 'nightly-sync']);
  });

  it('meets a numeric pattern and gives the detail fields the texts use values that read like them', () => {
    // Prepare
    const finding = entry(
      { family: 'generic', glob: 'aws.guardduty/*', pattern: { detail: { severity: [{ numeric: ['>=', 7] }] } } },
      { fix: ['Finding type: {{detail.type}} (severity {{detail.severity}}).'], title: 'Security warning: {{detail.title}}' },
    );

    // Act
    const signal = sampleSignalFor(finding, 'firing', NOW);

    // Assess
    expect(signal.name).toBe('aws.guardduty/GuardDuty Finding');
    expect(signal.vars).toMatchObject({ detail: { severity: 7, type: expect.stringMatching(/^UnauthorizedAccess:/), title: expect.stringContaining('were used from a remote AWS account') } });
  });

  it('shows an alarm without data as INSUFFICIENT_DATA and a resolved one as OK', () => {
    // Prepare
    const alarm = entry({ family: 'cloudwatch-alarm', name: 'web-prod-latency' });

    // Act
    const noData = sampleSignalFor(alarm, 'noData', NOW);
    const resolved = sampleSignalFor(alarm, 'resolved', NOW);

    // Assess
    expect([noData.noData, noData.alarm?.value]).toEqual([true, 'INSUFFICIENT_DATA']);
    expect([resolved.state, resolved.alarm?.value]).toEqual(['resolved', 'OK']);
  });

  it('renders every shipped entry in every state with no placeholder left unknown and no example values', async () => {
    // Prepare
    const { runtime } = await openCatalog('alert-catalog', { lint: false, cwd: REPO_ROOT });
    const texts: string[] = [];

    // Act
    for (const catalogEntry of runtime.index.byId.values()) {
      for (const state of ['firing', 'resolved', 'noData'] as const) {
        const enriched = enrichAlert(sampleSignalFor(catalogEntry, state, NOW), catalogEntry, runtime.config.uncatalogued.audience);
        if ('ignored' in enriched) continue;
        for (const delivery of renderAlert(enriched.alert, runtime.config, { now: NOW })) {
          texts.push(`${catalogEntry.id} ${state} ${delivery.audience}: ${blocksToPlainText(delivery.message)}`);
        }
      }
    }

    // Assess
    expect(texts.length).toBeGreaterThan(30);
    // The no-data status line says the alarm's state is unknown in words of its own; any other "unknown" is an unfilled placeholder.
    const unfilled = texts.filter((t) => t.replaceAll('its state is unknown', '').includes(MISSING_VALUE));
    expect(unfilled).toEqual([]);
    expect(texts.filter((t) => /example (name|resource)|ExampleMetric|preview with example values/.test(t))).toEqual([]);
  });
});
