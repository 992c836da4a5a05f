// The local stack answers Slack's presses with the interactions Lambda handler itself, invoked as its Function URL would invoke it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LambdaFunctionURLEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionUrlEvent } from '../../src/local/server/function-url-event.ts';
import type { LocalStack } from '../../src/local/start-local-stack.ts';
import { startTestStack } from '../local-stack/stack-helpers.ts';

let stack: LocalStack & { lines: string[] };

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.close());

/** The event built from one real HTTP request to a loopback server. */
async function eventFor(init: { body: string; headers: Record<string, string>; path?: string }): Promise<LambdaFunctionURLEvent> {
  let built: LambdaFunctionURLEvent | undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      built = functionUrlEvent(req, Buffer.concat(chunks).toString('utf8'), new Date('2026-11-22T10:00:00Z'));
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${init.path ?? '/slack/interactions'}`, { method: 'POST', headers: init.headers, body: init.body });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return built!;
}

describe('local stack: Slack interactions through the Lambda handler', () => {
  it('answers an unsigned press with 401 and the warning the handler logs for a refused request', async () => {
    // Act
    const response = await fetch(`${stack.url}/slack/interactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'payload=%7B%7D',
    });

    // Assess
    expect(response.status).toBe(401);
    expect(stack.lines).toContain('  warning: interaction refused {"statusCode":401,"reason":"missing-headers"}');
  });
});

describe('local stack: the Function URL event it builds for the handler', () => {
  it('hands over a form-encoded body base64-encoded, as the Function URL does for Slack’s presses', async () => {
    // Act
    const event = await eventFor({ body: 'payload=%7B%7D', headers: { 'content-type': 'application/x-www-form-urlencoded' } });

    // Assess
    expect(event).toMatchObject({ version: '2.0', rawPath: '/slack/interactions', isBase64Encoded: true, body: Buffer.from('payload=%7B%7D').toString('base64') });
    expect(event.requestContext.http.method).toBe('POST');
  });

  it('hands over a JSON body as text', async () => {
    // Act
    const event = await eventFor({ body: '{"a":1}', headers: { 'content-type': 'application/json; charset=utf-8' } });

    // Assess
    expect(event).toMatchObject({ isBase64Encoded: false, body: '{"a":1}' });
  });

  it('lower-cases header names and keeps the query string', async () => {
    // Act
    const event = await eventFor({ body: 'x', headers: { 'Content-Type': 'text/plain', 'X-Slack-Signature': 'v0=abc' }, path: '/slack/interactions?a=1&b=2' });

    // Assess
    expect(event.headers).toMatchObject({ 'content-type': 'text/plain', 'x-slack-signature': 'v0=abc' });
    expect(event).toMatchObject({ rawQueryString: 'a=1&b=2', queryStringParameters: { a: '1', b: '2' } });
  });
});
