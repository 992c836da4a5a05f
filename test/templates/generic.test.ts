import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../templates/index.ts';
import { makeAlert, makeLifecycle, makeRenderInput, makeSignal } from '../support/make-alert.ts';
import { actionElement, actionIds, blockById, blockText } from './message-text.ts';

function uncatalogued(signalOverrides: Parameters<typeof makeSignal>[0] = {}, alertOverrides: Parameters<typeof makeAlert>[0] = {}) {
  const signal = makeSignal(signalOverrides);
  return makeAlert({
    catalogId: null,
    alertKey: `uncatalogued|${signal.key}`,
    signal,
    severity: 'high',
    title: signal.title,
    comms: {},
    fix: [],
    links: [],
    ...alertOverrides,
  });
}

describe('generic template (uncatalogued signals)', () => {
  it('is used for an uncatalogued alert', () => {
    // Act
    const message = renderMessage(makeRenderInput({ alert: uncatalogued() }));

    // Assess
    expect(blockById(message, 'clarion.invitation')).toBeDefined();
  });

  it('is used for an uncatalogued alert whatever template the audience has', () => {
    // Act
    const message = renderMessage(makeRenderInput({ alert: uncatalogued(), template: 'local-office' }));

    // Assess
    expect(blockById(message, 'clarion.invitation')).toBeDefined();
  });

  it("shows the signal's title as the header", () => {
    // Act
    const message = renderMessage(makeRenderInput({ alert: uncatalogued({ title: 'Glue job nightly-sync FAILED' }) }));

    // Assess
    expect(blockText(message, 'clarion.header')).toBe('Glue job nightly-sync FAILED');
  });

  it('says the severity and state in words and that it is not in the catalog', () => {
    // Act
    const message = renderMessage(makeRenderInput({ alert: uncatalogued() }));

    // Assess
    expect(blockText(message, 'clarion.status')).toBe(':large_orange_circle: *High* · Firing · Not in the catalog');
    expect(message.text).toBe('High · Firing (uncatalogued): bookings-api-5xx-high is in ALARM');
  });

  it('shows family and kind, resource, account and region, and time', () => {
    // Prepare
    const alert = uncatalogued({
      family: 'glue-job',
      kind: 'FAILED',
      name: 'nightly-sync',
      alarm: undefined,
      metric: undefined,
      resource: { type: 'Glue job', name: 'nightly-sync' },
    });

    // Act
    const message = renderMessage(makeRenderInput({ alert }));

    // Assess
    const evidence = blockText(message, 'clarion.evidence');
    expect(evidence).toContain('*Kind*\nglue-job / FAILED');
    expect(evidence).toContain('*Resource*\nGlue job `nightly-sync`');
    expect(evidence).toContain('`123456789012` · `eu-west-2`');
    expect(evidence).toContain('|22 Nov 2026 at 10:42 GMT>');
    expect(blockText(message, 'clarion.name')).toBe('*Glue job*\nnightly-sync');
  });

  it('quotes the reason escaped', () => {
    // Act
    const message = renderMessage(makeRenderInput({ alert: uncatalogued({ reason: 'Out of memory <error> & more' }) }));

    // Assess
    expect(blockText(message, 'clarion.reason')).toBe('*Reason given by AWS*\n>Out of memory &lt;error&gt; &amp; more');
  });

  it("links the signal's links", () => {
    // Act
    const message = renderMessage(makeRenderInput({ alert: uncatalogued() }));

    // Assess
    expect(blockText(message, 'clarion.links')).toContain('|Alarm in the CloudWatch console>');
  });

  it('invites someone to write an entry with the suggested id and match as YAML', () => {
    // Prepare
    const suggestedEntry = { id: 'bookings.api-5xx', match: { family: 'cloudwatch-alarm', glob: 'bookings-api-*' } };

    // Act
    const message = renderMessage(makeRenderInput({ alert: uncatalogued(), suggestedEntry }));

    // Assess
    const text = blockText(message, 'clarion.invitation');
    expect(text).toMatch(/^\*No catalog entry describes this yet\.\* Write one/);
    expect(text).toContain('```- id: bookings.api-5xx\n  match:\n    family: cloudwatch-alarm\n    glob: "bookings-api-*"```');
  });

  it('derives the suggested id and match from the signal when there is no suggestion', () => {
    // Act
    const message = renderMessage(makeRenderInput({ alert: uncatalogued({ name: 'Nightly Sync (prod)' }) }));

    // Assess
    expect(blockText(message, 'clarion.invitation')).toContain(
      '```- id: my-team.nightly-sync-prod\n  match:\n    family: cloudwatch-alarm\n    name: "Nightly Sync (prod)"```',
    );
  });

  it('escapes the suggestion without changing characters people copy', () => {
    // Act
    const message = renderMessage(makeRenderInput({ alert: uncatalogued({ name: 'a_b*c & `d` <!here>' }) }));

    // Assess
    const text = blockText(message, 'clarion.invitation');
    expect(text).toContain('name: "a_b*c &amp; \u02CBd\u02CB &lt;!here&gt;"');
    expect(text.match(/```/g)).toHaveLength(2);
  });

  it('offers Acknowledge with the alert key, View in console and Resolve', () => {
    // Prepare
    const alert = uncatalogued();

    // Act
    const message = renderMessage(makeRenderInput({ alert }));

    // Assess
    expect(actionIds(message)).toEqual(['clarion.acknowledge', 'clarion.view-console', 'clarion.resolve']);
    expect(actionElement(message, 'clarion.acknowledge')?.value).toBe(encodeURIComponent(alert.alertKey));
  });

  it('hides Acknowledge once someone acknowledged', () => {
    // Act
    const message = renderMessage(makeRenderInput({ alert: uncatalogued(), lifecycle: makeLifecycle({ acknowledgedBy: 'U024BE7LH' }) }));

    // Assess
    expect(actionIds(message)).toEqual(['clarion.view-console', 'clarion.resolve']);
  });
});
