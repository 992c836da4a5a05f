// `clarion silence expire --by NAME` against the local stack records who ended it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSilence } from '../../src/cli/silence-command.ts';
import type { SilenceCommandDeps } from '../../src/cli/silence-command.ts';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { ROOT } from '../integration/harness.ts';
import { startTestStack } from '../local-stack/stack-helpers.ts';

const NOW = new Date('2026-11-24T10:00:00Z');
function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t), cwd: ROOT } };
}

describe('clarion silence expire against the local stack', () => {
  let stack: LocalStack;
  const deps = (): SilenceCommandDeps => ({ env: {}, dynamo: () => { throw new Error('no'); }, sqs: () => { throw new Error('no'); }, fetch: (...args) => fetch(...args), now: () => NOW });
  beforeAll(async () => {
    stack = await startTestStack({ now: () => NOW });
  });
  afterAll(() => stack.close());

  it('records the --by name as who ended the silence', async () => {
    // Prepare
    const added = capture();
    expect(await runSilence(['add', '--match', 'portal.app-down', '--for', '1h', '--reason', 'Upgrade', '--by', 'ana', '--json', '--url', stack.url], added.io, deps())).toBe(0);
    const id = (JSON.parse(added.out.stdout) as { id: string }).id;

    // Act
    expect(await runSilence(['expire', id, '--by', 'ben', '--url', stack.url], capture().io, deps())).toBe(0);

    // Assess
    await (stack as unknown as { settled(): Promise<void> }).settled();
    const techies = stack.emulator.channels().find((c) => c.name === 'portal-alerts')!;
    const line = stack.emulator.messages(techies.id).find((m) => JSON.stringify(m.blocks).includes('clarion.silence-line'));
    expect(JSON.stringify(line?.blocks)).toContain('lifted by ben');
  });
});
