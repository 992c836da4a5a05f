// `clarion report`: locally through the running stack's `GET /api/report`, and on AWS from the history table (dynalite).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDynamoHistory } from '../../src/adapters/dynamo-history.ts';
import { runReport } from '../../src/cli/report-command.ts';
import type { ReportCommandDeps } from '../../src/cli/report-command.ts';
import type { IncidentHistory } from '../../src/core/history.ts';
import type { Report } from '../../src/history/report.ts';
import { startDynalite } from '../../src/local/start-dynalite.ts';
import type { LocalDynamo } from '../../src/local/start-dynalite.ts';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { alarmEvent, ROOT } from '../integration/harness.ts';
import { startTestStack } from '../local-stack/stack-helpers.ts';

const NOW = new Date('2026-11-24T10:00:00Z');

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t), cwd: ROOT } };
}

const noAws = (now: () => Date = () => NOW): ReportCommandDeps => ({
  env: {},
  dynamo: () => {
    throw new Error('no DynamoDB locally');
  },
  fetch: (...args) => fetch(...args),
  now,
});

describe('clarion report against the local stack', () => {
  let stack: LocalStack;

  beforeAll(async () => {
    stack = await startTestStack({ now: () => NOW });
    const response = await fetch(`${stack.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(alarmEvent('app-down-alarm.json', { id: 'down-1', time: NOW.toISOString(), value: 'ALARM' })) });
    expect(response.status).toBe(202);
    await stack.settled();
    // The report covers up to now, not including it: a minute later the opening is inside it.
    await fetch(`${stack.url}/api/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceSeconds: 60 }) });
  });
  afterAll(() => stack.close());

  it('prints the figures of the stack’s history as the documented JSON', async () => {
    // Act
    const { out, io } = capture();
    const code = await runReport(['--json', '--since', '7d', '--url', stack.url], io, noAws(() => stack.clock.now()));
    // Assess
    const report = JSON.parse(out.stdout) as Report;
    expect(code).toBe(0);
    expect([report.version, report.overall.incidents, report.overall.open, report.entries[0]?.catalogId]).toEqual([1, 1, 1, 'portal.app-down']);
  });

  it('prints an aligned table for a terminal', async () => {
    // Act
    const { out, io } = capture();
    const code = await runReport(['--url', stack.url], io, noAws(() => stack.clock.now()));
    // Assess
    expect(code).toBe(0);
    expect(out.stdout).toMatch(/^portal\.app-down\s+1\s+/m);
  });

  it('names a bad --since before calling anything, with exit code 2', async () => {
    // Act
    const { out, io } = capture();
    const code = await runReport(['--since', 'a month', '--url', stack.url], io, noAws());
    // Assess
    expect([code, out.stderr]).toEqual([2, expect.stringContaining('--since "a month" is not a duration')]);
  });

  it('answers 400 to a bad span on the API', async () => {
    // Act
    const response = await fetch(`${stack.url}/api/report?since=9999d`);
    // Assess
    expect([response.status, await response.text()]).toEqual([400, expect.stringContaining('longer than 400 days')]);
  });
});

describe('clarion report without a running stack', () => {
  it('says the stack is not running, with exit code 1', async () => {
    // Act
    const { out, io } = capture();
    const code = await runReport(['--url', 'http://127.0.0.1:9'], io, noAws());
    // Assess
    expect([code, out.stderr]).toEqual([1, expect.stringContaining('is `clarion start` running?')]);
  });
});

describe('clarion report on AWS', () => {
  let dynamo: LocalDynamo;

  beforeEach(async () => {
    dynamo = await startDynalite();
  });
  afterEach(() => dynamo.close());

  it('reads the history table and reports with the catalog’s titles', async () => {
    // Prepare
    const history = createDynamoHistory({ client: dynamo.client, tableName: dynamo.historyTableName });
    const incident: IncidentHistory = {
      kind: 'incident',
      scope: 'alarm',
      alertKey: 'cloudwatch-alarm:eu-west-2:111:Orders 5XX',
      catalogId: null,
      severity: 'high',
      title: 'Orders 5XX',
      status: 'resolved',
      openedAt: '2026-11-20T03:00:00.000Z',
      lastSeen: '2026-11-20T03:10:00.000Z',
      resolvedAt: '2026-11-20T03:20:00.000Z',
      occurrences: 3,
      reopenings: 0,
      source: { family: 'cloudwatch-alarm', name: 'Orders 5XX' },
      recordVersion: 2,
      expiresAt: 2_000_000_000,
    };
    await history.recordIncident(incident);
    // Act
    const { out, io } = capture();
    const code = await runReport(['--json'], io, { env: { CLARION_HISTORY_TABLE: dynamo.historyTableName }, dynamo: () => dynamo.client, fetch: () => Promise.reject(new Error('no HTTP on AWS')), now: () => NOW });
    // Assess
    const report = JSON.parse(out.stdout) as Report;
    expect(code).toBe(0);
    expect([report.overall.incidents, report.overall.outOfHours, report.uncatalogued[0]?.suggestedEntry.id]).toEqual([1, 1, 'my-team.orders-5xx']);
  });
});
