// `clarion validate` warns of entries readers found unclear: answers from the local stack (--url, the real binary) or the history table (dynalite).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDynamoHistory } from '../../src/adapters/dynamo-history.ts';
import type { ClaritySourceDeps } from '../../src/cli/clarity-source.ts';
import type { CliOptions } from '../../src/cli/main.ts';
import { runValidate } from '../../src/cli/validate-command.ts';
import type { HistoryNote } from '../../src/core/history.ts';
import type { EmulatedView } from '../../src/local/slack-emulator.ts';
import { startDynalite } from '../../src/local/start-dynalite.ts';
import type { LocalDynamo } from '../../src/local/start-dynalite.ts';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { ROOT } from '../integration/harness.ts';
import { startTestStack } from '../local-stack/stack-helpers.ts';
import { runClarion } from './run-clarion.ts';

const NOW = new Date('2026-11-24T10:00:00Z');

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t), cwd: ROOT } };
}

const options = (extra: Partial<CliOptions> = {}): CliOptions => ({ catalog: 'alert-catalog', strict: false, json: false, detach: false, help: false, ...extra }) as CliOptions;

describe('clarion validate with answers from the local stack', () => {
  let stack: LocalStack;
  const post = (route: string, body: unknown) => fetch(`${stack.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  /** A reader's answer under the local offices' message, as the page gives it. */
  async function answer(user: string, comment?: string): Promise<void> {
    const message = stack.emulator.messages('#portal-local-offices')[0]!;
    await post('/api/press', { channel: message.channel, ts: message.ts, actionId: comment === undefined ? 'clarion.clarity-yes' : 'clarion.clarity-no', user });
    if (comment === undefined) return;
    const { views } = (await (await fetch(`${stack.url}/api/slack/views`)).json()) as { views: EmulatedView[] };
    await post('/api/slack/views/submit', { viewId: views[0]!.id, values: { 'clarion.clarity-comment': comment } });
  }

  beforeAll(async () => {
    // A Tuesday morning: outside the shipped maintenance window, which keeps the portal's alerts from local offices.
    stack = await startTestStack({ now: () => NOW });
    await post('/api/samples/fire', { file: 'app-down-alarm.json' });
    await stack.settled();
    await answer('U0READERA', 'What is a "load balancer"?');
    await answer('U0READERB');
    await answer('U0READERC', 'Which offices?\u001b[31m');
  }, 30_000);
  afterAll(() => stack.close());

  it('warns at the entry’s id with the counts and the latest comment, and exits 0', async () => {
    // Act
    const result = await runClarion(['validate', '--url', stack.url]);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^alert-catalog\/portal\.yaml:4:\d+: warning: entries\[0\]\.id: readers found this unclear \(local-office, while it was happening\): 2 of 3 said no in the last 90d; latest comment: "(Which offices\?\\u001b\[31m|What is a \\"load balancer\\"\?)"$/m,
    );
    expect(result.stderr).toContain('0 errors, 1 warning');
  });

  it('keeps it a warning under --strict, so the exit code does not change', async () => {
    // Act
    const result = await runClarion(['validate', '--strict', '--url', stack.url]);

    // Assess
    expect([result.code, result.stdout]).toEqual([0, expect.stringContaining('warning: entries[0].id: readers found this unclear')]);
  });

  it('lets no terminal control character of a comment through', async () => {
    // Act
    const result = await runClarion(['validate', '--url', stack.url]);

    // Assess
    expect(result.stdout).not.toContain('\u001b');
  });
});

describe('clarion validate with answers from the history table', () => {
  let dynamo: LocalDynamo;
  const deps = (): ClaritySourceDeps => ({
    env: {},
    dynamo: () => dynamo.client,
    fetch: () => Promise.reject(new Error('no local stack here')),
    now: () => NOW,
  });

  function note(n: number, answer: 'yes' | 'no', comment?: string): HistoryNote {
    return {
      kind: 'note',
      type: 'clarity',
      id: `clarity:${n}`,
      at: `2026-11-2${n}T09:00:00.000Z`,
      expiresAt: 2_000_000_000,
      catalogId: 'portal.error-rate',
      state: 'fixed',
      audience: 'product-leads',
      answer,
      ...(comment ? { comment } : {}),
    };
  }

  beforeEach(async () => {
    dynamo = await startDynalite();
  });
  afterEach(() => dynamo.close());

  it('warns of an entry a third of its readers found unclear once fixed', async () => {
    // Prepare
    const history = createDynamoHistory({ client: dynamo.client, tableName: dynamo.historyTableName });
    for (const item of [note(1, 'no', 'Older comment'), note(2, 'yes'), note(3, 'no', 'Fixed since when?')]) await history.addNote(item);
    const { out, io } = capture();

    // Act
    const code = await runValidate(options({ 'history-table': dynamo.historyTableName }), io, deps());

    // Assess
    expect(code).toBe(0);
    expect(out.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^alert-catalog\/portal\.yaml:\d+:\d+: warning: entries\[1\]\.id: readers found this unclear \(product-leads, once fixed\): 2 of 3 said no in the last 90d; latest comment: "Fixed since when\?"$/),
    ]);
  });

  it('reads the table CLARION_HISTORY_TABLE names when no option names one', async () => {
    // Prepare
    const history = createDynamoHistory({ client: dynamo.client, tableName: dynamo.historyTableName });
    for (const item of [note(1, 'no'), note(2, 'no'), note(3, 'no')]) await history.addNote(item);
    const { out, io } = capture();

    // Act
    await runValidate(options(), io, { ...deps(), env: { CLARION_HISTORY_TABLE: dynamo.historyTableName } });

    // Assess
    expect(out.stdout).toContain('3 of 3 said no');
  });

  it('says nothing of an entry most readers found clear', async () => {
    // Prepare
    const history = createDynamoHistory({ client: dynamo.client, tableName: dynamo.historyTableName });
    for (const item of [note(1, 'yes'), note(2, 'yes'), note(3, 'yes'), note(4, 'no', 'Hm')]) await history.addNote(item);
    const { out, io } = capture();

    // Act
    await runValidate(options({ 'history-table': dynamo.historyTableName }), io, deps());

    // Assess
    expect(out.stdout).toBe('');
  });
});

describe('clarion validate without answers', () => {
  it('reads nothing but the catalog when no source is named', async () => {
    // Prepare
    const { out, io } = capture();
    const nowhere: ClaritySourceDeps = { env: {}, dynamo: () => { throw new Error('DynamoDB was asked'); }, fetch: () => Promise.reject(new Error('the network was asked')), now: () => NOW };

    // Act
    const code = await runValidate(options(), io, nowhere);

    // Assess
    expect([code, out.stdout, out.stderr]).toEqual([0, '', 'Catalog OK: 17 entries, 0 errors, 0 warnings\n']);
  });

  it('says on stderr that the answers could not be read, and keeps the exit code', async () => {
    // Prepare
    const { out, io } = capture();

    // Act
    const code = await runValidate(options({ url: 'http://127.0.0.1:9' }), io, { env: {}, dynamo: () => { throw new Error('unused'); }, fetch: (...args) => fetch(...args), now: () => NOW });

    // Assess
    expect([code, out.stderr]).toEqual([0, expect.stringContaining("readers' answers not read from http://127.0.0.1:9: could not reach the local stack")]);
  });
});
