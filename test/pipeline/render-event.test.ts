import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/adapters/read-catalog-dir.ts';
import { renderEvent } from '../../src/pipeline/render-event.ts';
import type { CatalogRuntime } from '../../src/catalog/catalog-runtime.ts';
import { findLimitViolations } from '../../src/slack/limits.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SAMPLES = path.join(ROOT, 'alert-catalog', 'samples', 'events');
const NOW = new Date('2026-11-22T10:00:00Z');
const sampleFiles = readdirSync(SAMPLES).filter((f) => f.endsWith('.json')).sort();
const readSample = (file: string): unknown => JSON.parse(readFileSync(path.join(SAMPLES, file), 'utf8'));

let runtime: CatalogRuntime;
beforeAll(async () => {
  runtime = (await openCatalog(path.join(ROOT, 'alert-catalog'), { lint: false })).runtime;
});

describe('Pipeline: the sample catalog against the shipped sample events', () => {
  it('has a sample event for every catalog entry', () => {
    // Act
    const claimed = new Set(sampleFiles.flatMap((f) => renderEvent(readSample(f), runtime, { now: NOW }).outcomes.map((o) => o.catalogId)));

    // Assess
    expect([...runtime.index.byId.keys()].filter((id) => !claimed.has(id))).toEqual([]);
  });

  it.each(sampleFiles)('renders %s within Slack limits for every routed audience', (file) => {
    // Act
    const rendered = renderEvent(readSample(file), runtime, { now: NOW });

    // Assess
    const routed = rendered.alerts.flatMap((a) => a.audiences);
    expect(rendered.deliveries.map((d) => d.audience)).toEqual(routed);
    for (const delivery of rendered.deliveries) expect(findLimitViolations(delivery.message)).toEqual([]);
  });

  it.each(sampleFiles)('renders %s the same as the reviewed snapshot', (file) => {
    // Act
    const rendered = renderEvent(readSample(file), runtime, { now: NOW });

    // Assess
    expect(rendered.deliveries).toMatchSnapshot();
  });

  it('routes to the channel ids of the chosen stage', () => {
    // Act
    const rendered = renderEvent(readSample('nightly-sync-glue-failed.json'), runtime, { now: NOW, stage: 'prod' });

    // Assess
    expect(rendered.deliveries.map((d) => d.channel)).toEqual(['C0PORTALALERTS', 'C0PORTALSTATUS', 'C0PORTALOFFICES', 'C0PORTALDATA']);
  });

  it('keeps the configured channel for a stage that does not exist', () => {
    // Act
    const rendered = renderEvent(readSample('app-down-alarm.json'), runtime, { now: NOW, stage: 'nowhere' });

    // Assess
    expect(rendered.deliveries[0]?.channel).toBe('#portal-alerts');
  });

  it('reports an ignored signal with its reason and renders nothing for it', () => {
    // Prepare
    const running = { version: '0', id: 'x', 'detail-type': 'ECS Task State Change', source: 'aws.ecs', time: '2026-11-22T09:00:00Z', detail: { lastStatus: 'RUNNING', desiredStatus: 'RUNNING', group: 'service:trainee-portal-web' } };

    // Act
    const rendered = renderEvent(running, runtime, { now: NOW });

    // Assess
    expect(rendered.deliveries).toEqual([]);
    expect(rendered.outcomes[0]?.ignored).toEqual(expect.any(String));
  });

  it('renders every record of a batch', () => {
    // Prepare
    const batch = { Records: ['app-down-alarm.json', 'nightly-sync-glue-failed.json'].map((f) => ({ messageId: f, body: JSON.stringify(readSample(f)), eventSource: 'aws:sqs' })) };

    // Act
    const rendered = renderEvent(batch, runtime, { now: NOW });

    // Assess
    expect(rendered.outcomes.map((o) => o.catalogId)).toEqual(['portal.app-down', 'sync.overnight-sync-failed']);
  });

  it('never lets event text ping, link or format in any message', () => {
    // Act
    const rendered = renderEvent(readSample('hostile-alarm.json'), runtime, { now: NOW });

    // Assess
    const json = JSON.stringify(rendered.deliveries.map((d) => d.message));
    expect(json).not.toMatch(/<!(channel|here|everyone)|<@U|<https:\/\/evil/);
    // Inside code (verbatim mrkdwn) a bare @here is text, kept exact for copying; elsewhere it is broken.
    expect(json.replace(/```[^`]*```|`[^`]*`/g, '')).not.toMatch(/(?<!\u2060)@here/);
    expect(rendered.deliveries[0]?.message.text).not.toMatch(/[*_~`]bold|@here/);
  });
});

describe('Pipeline: any JSON in, signals and messages out', () => {
  const deep = (open: string, leaf: string, close: string): unknown => JSON.parse(`${open.repeat(10_000)}${leaf}${close.repeat(10_000)}`);

  it.each([
    ['a list nested 10,000 levels deep', () => deep('[', '1', ']')],
    ['an object nested 10,000 levels deep', () => deep('{"a":', '1', '}')],
    ['a Glue failure whose message is nested 10,000 levels deep', () => ({ ...(readSample('nightly-sync-glue-failed.json') as object), detail: { jobName: 'nightly-trainee-sync', state: 'FAILED', message: deep('{"a":', '1', '}') } })],
    ['an unknown event whose detail is nested 10,000 levels deep', () => ({ ...(readSample('unknown-event.json') as object), detail: deep('[', '1', ']') })],
  ])('renders %s into output that can be written as JSON', (_, raw) => {
    // Act
    const rendered = renderEvent(raw(), runtime, { now: NOW });

    // Assess
    expect([rendered.signals.length, JSON.stringify(rendered).length > 0]).toEqual([1, true]);
  });

  it('renders an alarm with lone surrogates in its name, reason and ARN', () => {
    // Prepare
    const raw = readSample('app-down-alarm.json') as { detail: Record<string, unknown>; resources: string[] };
    raw.detail.alarmName = 'trainee-portal-prod-unhealthy-hosts\uD800';
    raw.detail.state = { ...(raw.detail.state as object), reason: 'broken \uDC00 reason' };
    raw.resources = ['arn:aws:cloudwatch:eu-west-2:111111111111:alarm:x\uD800'];

    // Act
    const rendered = renderEvent(raw, runtime, { now: NOW });

    // Assess
    const json = JSON.stringify(rendered.deliveries);
    expect([rendered.deliveries.length > 0, Buffer.from(json, 'utf8').toString('utf8') === json]).toEqual([true, true]);
  });
});
