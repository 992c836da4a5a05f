// `--data DIR`: a second start on the same folder keeps the state of the first.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES } from '../integration/harness.ts';
import { startTestStack } from './stack-helpers.ts';

describe('the local stack with a data folder', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'clarion-data-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('remembers an event handled before a restart, so its redelivery is a duplicate', async () => {
    // Prepare
    const alarm = readFileSync(path.join(SAMPLES, 'app-down-alarm.json'), 'utf8');
    const first = await startTestStack({ dataDir });
    await fetch(`${first.url}/events`, { method: 'POST', body: alarm });
    await first.settled();
    await first.close();

    // Act
    const second = await startTestStack({ dataDir });
    await fetch(`${second.url}/events`, { method: 'POST', body: alarm });
    await second.settled();
    await second.close();

    // Assess
    expect(first.lines).toContain('  portal.app-down: opened');
    expect(second.lines).toContain('  portal.app-down: duplicate');
  });
});
