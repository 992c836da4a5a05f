// The local server's edge over real HTTP: DNS rebinding is refused, hostile bodies and paths get 400s, never 500s.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../src/local/server/json-nesting-depth.ts';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { SAMPLES } from '../integration/harness.ts';
import { rawHttp } from './raw-http.ts';
import { startTestStack } from './stack-helpers.ts';

const alarm = readFileSync(path.join(SAMPLES, 'app-down-alarm.json'), 'utf8');

/** `depth` levels of arrays around one number: `[[[1]]]` is depth 3. */
const nested = (depth: number): string => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

describe('the local server edge', () => {
  let stack: LocalStack;
  let uiDir: string;
  const port = () => String(stack.port);

  beforeAll(async () => {
    // A minimal built page, so the page's static file handler answers the UI paths.
    uiDir = await mkdtemp(path.join(tmpdir(), 'clarion-edge-ui-'));
    await writeFile(path.join(uiDir, 'index.html'), '<!doctype html><title>Clarion</title>');
    stack = await startTestStack({ uiDir });
  });

  afterAll(async () => {
    await stack.close();
    await rm(uiDir, { recursive: true, force: true });
  });

  describe('DNS rebinding', () => {
    it('refuses an event posted by a page whose host name was re-pointed at this machine, and queues nothing', async () => {
      // Prepare
      const sentBefore = stack.emulator.stats().calls;

      // Act
      const response = await rawHttp(stack.url, {
        method: 'POST',
        path: '/events',
        headers: { host: `evil.example:${port()}`, origin: `http://evil.example:${port()}`, 'content-type': 'application/json' },
        body: alarm,
      });
      await stack.settled();

      // Assess
      expect(response.status).toBe(403);
      expect(response.text.trim().split('\n')).toHaveLength(1);
      expect(response.text).toContain('evil.example');
      expect(stack.queue.counts()).toMatchObject({ depth: 0, inFlight: 0 });
      expect(stack.emulator.stats().calls).toEqual(sentBefore);
    });

    it('refuses to show the state to a request addressed to a foreign host name', async () => {
      // Act
      const response = await rawHttp(stack.url, { path: '/api/state', headers: { host: `evil.example:${port()}` } });

      // Assess
      expect(response.status).toBe(403);
      expect(response.text).not.toContain('channels');
    });

    it('refuses the emulated Slack Web API to a foreign host name', async () => {
      // Act
      const response = await rawHttp(stack.url, { path: '/slack/api/auth.test', headers: { host: 'attacker.test', authorization: 'Bearer xoxb-x' } });

      // Assess
      expect(response.status).toBe(403);
    });

    it('refuses a POST whose Origin is a loopback name on another port', async () => {
      // Act
      const response = await rawHttp(stack.url, {
        method: 'POST',
        path: '/api/summary',
        headers: { host: `127.0.0.1:${port()}`, origin: 'http://localhost:5173', 'content-type': 'application/json' },
        body: '{}',
      });

      // Assess
      expect(response.status).toBe(403);
    });

    it.each(['127.0.0.1', 'localhost', '[::1]', '127.0.0.2'])('answers a request addressed to %s', async (name) => {
      // Act
      const response = await rawHttp(stack.url, { path: '/api/state', headers: { host: `${name}:${port()}` } });

      // Assess
      expect(response.status).toBe(200);
      expect(JSON.parse(response.text)).toHaveProperty('channels');
    });

    it('accepts an event posted from the page on localhost', async () => {
      // Act
      const response = await rawHttp(stack.url, {
        method: 'POST',
        path: '/events',
        headers: { host: `localhost:${port()}`, origin: `http://localhost:${port()}`, 'content-type': 'application/json' },
        body: alarm,
      });
      await stack.settled();

      // Assess
      expect(response.status).toBe(202);
    });
  });

  describe('hostile input', () => {
    it(`answers 400 with a one-line reason when an event nests deeper than ${MAX_JSON_DEPTH} levels`, async () => {
      // Act
      const response = await rawHttp(stack.url, { method: 'POST', path: '/events', headers: { 'content-type': 'application/json' }, body: nested(10_000) });

      // Assess
      expect(response.status).toBe(400);
      const text = response.text.trim();
      expect(text.split('\n')).toHaveLength(1);
      expect(text).toMatch(new RegExp(`nests .* deeper than ${MAX_JSON_DEPTH}`));
    });

    it('accepts an event that nests deeply but within the limit', async () => {
      // Prepare
      const event = { source: 'app.deep', 'detail-type': 'Deep', detail: JSON.parse(nested(MAX_JSON_DEPTH - 2)) as unknown };

      // Act
      const response = await rawHttp(stack.url, { method: 'POST', path: '/events', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
      await stack.settled();

      // Assess
      expect(response.status).toBe(202);
    });

    it.each(['/%E0%A4%A', '/%', '/assets/%zz.js'])('answers 400 to the page path %s with a malformed escape', async (uiPath) => {
      // Act
      const response = await rawHttp(stack.url, { path: uiPath });

      // Assess
      expect(response.status).toBe(400);
      expect(response.text).toMatch(/malformed/);
    });

    it('still serves the page at /', async () => {
      // Act
      const response = await rawHttp(stack.url, { path: '/' });

      // Assess
      expect(response.status).toBe(200);
      expect(response.text).toContain('<title>Clarion</title>');
    });

    it('answers 400 to a press whose body nests too deeply', async () => {
      // Act
      const response = await rawHttp(stack.url, { method: 'POST', path: '/api/press', headers: { 'content-type': 'application/json' }, body: `{"channel":${nested(5_000)}}` });

      // Assess
      expect(response.status).toBe(400);
    });

    it('answers 404, not 500, to a press of a button the message does not have (any more)', async () => {
      // Prepare
      await fetch(`${stack.url}/api/samples/fire`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ file: 'app-down-alarm.json' }) });
      await stack.settled();
      const message = stack.emulator.channels().flatMap((c) => stack.emulator.messages(c.id)).find((m) => m.text.includes('The Trainee Portal is down'))!;

      // Act
      const response = await fetch(`${stack.url}/api/press`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel: message.channel, ts: message.ts, actionId: 'clarion.no-such-button' }) });

      // Assess
      expect([response.status, await response.json()]).toEqual([404, { error: 'the message has no element with action_id "clarion.no-such-button"' }]);
    });

    it('answers 400 to a press naming a channel that is not a string', async () => {
      // Act
      const response = await rawHttp(stack.url, { method: 'POST', path: '/api/press', headers: { 'content-type': 'application/json' }, body: '{"channel":{},"ts":"1","actionId":"x"}' });

      // Assess
      expect(response.status).toBe(400);
    });

    it('answers 400 to a request target that is not a path', async () => {
      // Act
      const response = await rawHttp(stack.url, { path: 'http://[bad/api/state' });

      // Assess
      expect(response.status).toBe(400);
    });
  });
});
