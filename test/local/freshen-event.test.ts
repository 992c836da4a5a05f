import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshenEvent } from '../../src/local/server/freshen-event.ts';
import { normalizeEvent } from '../../src/sources/normalize-event.ts';
import { SAMPLES } from '../integration/harness.ts';

const NOW = new Date('2026-12-02T18:00:00.000Z');

describe('A shipped sample fired from the page', () => {
  it.each(readdirSync(SAMPLES).filter((f) => f.endsWith('.json')))('%s happens now, whatever times its detail carries', (file) => {
    // Prepare
    const raw = JSON.parse(readFileSync(path.join(SAMPLES, file), 'utf8')) as unknown;
    // Act
    const signals = normalizeEvent(freshenEvent(raw, NOW, 'x'), { receivedAt: NOW });
    // Assess
    for (const signal of signals) expect(Math.abs(Date.parse(signal.time) - NOW.getTime())).toBeLessThan(60 * 60_000);
  });

  it('keeps a task’s start the same distance before its stop', () => {
    // Prepare
    const raw = { id: 'e', time: '2026-11-22T09:00:00Z', detail: { startedAt: 1_795_330_800_000, stoppedAt: '2026-11-22T08:59:00.000Z' } };
    // Act
    const fresh = freshenEvent(raw, NOW, 'x') as { time: string; detail: { startedAt: number; stoppedAt: string } };
    // Assess
    expect([fresh.time, fresh.detail.stoppedAt, fresh.detail.startedAt - Date.parse(fresh.detail.stoppedAt)]).toEqual(['2026-12-02T18:00:00Z', '2026-12-02T17:59:00.000Z', 1_795_330_800_000 - Date.parse('2026-11-22T08:59:00.000Z')]);
  });
});
