// `--data DIR`: a second start on the same folder keeps the state of the first.
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES } from '../integration/harness.ts';
import { startTestStack } from './stack-helpers.ts';

const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

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

  it('resumes the clock where the last run moved it, so events after a restart are not older than the state they meet', async () => {
    // Prepare
    const dir = await mkdtemp(path.join(tmpdir(), 'clarion-data-'));
    const first = await startTestStack({ dataDir: dir });
    await post(`${first.url}/api/samples/fire`, { file: 'app-down-alarm.json' });
    await first.settled();
    await post(`${first.url}/api/clock`, { advanceSeconds: 1800 });
    await post(`${first.url}/api/samples/fire`, { file: 'app-down-ok.json' });
    await first.settled();
    const left = first.clock.now().getTime();
    await first.close();

    // Act
    const second = await startTestStack({ dataDir: dir });
    await post(`${second.url}/api/samples/fire`, { file: 'app-down-alarm.json' });
    await second.settled();
    const resumed = second.clock.now().getTime();
    await second.close();
    await rm(dir, { recursive: true, force: true });

    // Assess
    expect([resumed >= left, second.lines.filter((l) => l.startsWith('  portal.app-down:'))]).toEqual([true, ['  portal.app-down: reopened']]);
  });

  it('refuses to start on a saved clock it cannot read, naming the file', async () => {
    // Prepare
    const dir = await mkdtemp(path.join(tmpdir(), 'clarion-data-'));
    writeFileSync(path.join(dir, 'stack-clock.json'), '{"offsetMs": "soon"}');

    // Act
    const started = startTestStack({ dataDir: dir });

    // Assess
    await expect(started).rejects.toThrow(`${path.join(dir, 'stack-clock.json')}: not a saved stack clock`);
    await rm(dir, { recursive: true, force: true });
  });
});
