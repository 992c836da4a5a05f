// Audiences with an SNS topic get a plain-text copy of what is posted to them; the local stack writes it as a terminal line, from the processor's posts and from presses alike.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { blockActionsPayload, sendPress } from '../../src/local/server/press-button.ts';
import { sample } from '../integration/harness.ts';
import { copyCatalog, startTestStack } from './stack-helpers.ts';

const TOPIC = 'arn:aws:sns:eu-west-2:111111111111:portal-local-offices';
let stack: Awaited<ReturnType<typeof startTestStack>>;
let catalog: Awaited<ReturnType<typeof copyCatalog>>;

beforeAll(async () => {
  catalog = await copyCatalog();
  const file = path.join(catalog.dir, 'clarion.config.yaml');
  const config = parseDocument(await readFile(file, 'utf8'));
  config.setIn(['audiences', 'local-office', 'snsTopicArn'], TOPIC);
  await writeFile(file, String(config));
  stack = await startTestStack({ catalogDir: catalog.dir, watchCatalog: false });
});
afterAll(async () => {
  await stack.close();
  await catalog.remove();
});

describe('local stack: plain-text copies', () => {
  it('writes the copy of a post to local offices as a terminal line', async () => {
    // Act: the outage is routed to local offices.
    stack.enqueue(sample('app-down-alarm.json'));
    await stack.settled();

    // Assess
    expect(stack.lines.filter((line) => line.startsWith(`  plain text to ${TOPIC}: `))).toHaveLength(1);
  });

  it('writes the copy of a Tell local offices press as a terminal line', async () => {
    // Prepare: the overnight sync's own alert is not routed to local offices, so its engineers' message offers the button.
    stack.enqueue(sample('overnight-sync-custom.json'));
    await stack.settled();
    const message = stack.emulator.messages('#portal-alerts').at(-1)!;
    const before = stack.lines.filter((line) => line.includes(`plain text to ${TOPIC}`)).length;

    // Act
    const status = await sendPress(`${stack.url}/slack/interactions`, blockActionsPayload({ user: 'U0TESTER', message, actionId: 'clarion.tell-local-offices' }, Date.now()), 'test-signing-secret');

    // Assess
    expect(status).toBe(200);
    expect(stack.lines.filter((line) => line.includes(`plain text to ${TOPIC}`)).length).toBe(before + 1);
  });
});
