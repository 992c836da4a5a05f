/** @module CLI: the closing story of `clarion demo` (issue 14) — the overnight sync fails, Clarion restarts it on its own, the job finishes, and after the quiet period each audience reads what happened — played through a local stack on a free port. */
import { blocksToPlainText, mrkdwnToPlain } from '../slack/blocks-to-plain-text.ts';
import { startLocalStack } from '../local/start-local-stack.ts';
import type { CatalogRuntime } from '../catalog/catalog-runtime.ts';
import type { Io } from './io.ts';

const ENTRY = 'sync.overnight-sync-failed';
const FAILED = 'nightly-sync-glue-failed.json';
const SUCCEEDED = 'nightly-sync-glue-succeeded.json';
/** 03:10 in London in November: the overnight job's hour (the stack's clock is pinned there, so the story reads the same every run). */
const STORY_START = '2026-11-24T03:10:00Z';

/** Whether the catalog can play it: the shipped entry with its automatic restart, and both samples. */
export function canPlayAutoFix(runtime: CatalogRuntime, samples: readonly string[]): boolean {
  return runtime.index.byId.get(ENTRY)?.autoFix?.mode === 'auto' && samples.includes(FAILED) && samples.includes(SUCCEEDED);
}

const indent = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');

export async function playAutoFix(catalogDir: string, io: Io): Promise<void> {
  const stack = await startLocalStack({ port: 0, catalogDir, demo: false, uiDir: false, watchCatalog: false, signingSecret: 'clarion-demo', log: () => {}, now: () => new Date(STORY_START) });
  try {
    const post = async (route: string, body: unknown) => {
      const answer = await fetch(`${stack.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      await answer.body?.cancel();
      await stack.settled();
    };
    io.stdout('\nAutomatic fix: the overnight sync fails at 03:10; its entry restarts it on its own (autoFix, mode: auto).\n');
    await post('/api/samples/fire', { file: FAILED });
    await post('/api/clock', { advanceSeconds: 70 });
    await post('/api/samples/fire', { file: SUCCEEDED });
    await post('/api/clock', { advanceSeconds: 11 * 60 });
    const channel = (name: string) => stack.emulator.channels().find((c) => c.name === name);
    const about = (name: string) => {
      const found = channel(name);
      return found ? stack.emulator.messages(found.id).find((m) => m.text.includes('overnight update')) : undefined;
    };
    const engineers = about('portal-alerts');
    io.stdout('  Engineers read in the alert’s thread:\n');
    for (const reply of engineers?.replies ?? []) io.stdout(`${indent(mrkdwnToPlain(reply.text))}\n`);
    for (const [name, who] of [['portal-status', 'Product leads'], ['portal-local-offices', 'Local offices']] as const) {
      const message = about(name);
      if (!message) continue;
      io.stdout(`  ${who} read, once the quiet period is over:\n${indent(blocksToPlainText({ text: message.text, blocks: message.blocks }))}\n`);
    }
    const runs = stack.fixes.runs();
    io.stdout(`  The stand-in took ${runs.length} ${runs.length === 1 ? 'call' : 'calls'}: ${runs.map((r) => `${r.kind} ${r.target} (${r.state})`).join('; ')}\n`);
  } finally {
    await stack.close();
  }
}
