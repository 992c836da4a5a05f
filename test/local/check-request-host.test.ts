import { describe, expect, it } from 'vitest';
import { createHostGuard } from '../../src/local/server/check-request-host.ts';

const guard = createHostGuard({ listenHost: '127.0.0.1', port: 3000 });

describe('Local stack: which Host and Origin headers the server answers', () => {
  it.each(['127.0.0.1:3000', '127.0.0.1', 'localhost:3000', 'LOCALHOST:8080', '[::1]:3000', '127.9.8.7:1', '127.1:3000', '[0:0:0:0:0:0:0:1]:3000'])(
    'answers a request addressed to %s',
    (host) => {
      // Act
      const refusal = guard.refusal({ host }, 'GET');

      // Assess
      expect(refusal).toBeUndefined();
    },
  );

  it.each(['evil.example:3000', 'evil.example', '127.0.0.1.evil.example', 'localhost.evil.example:3000', '10.0.0.5:3000', '0.0.0.0:3000', 'user@127.0.0.1', '127.0.0.1/x', '', '[::1'])(
    'refuses a request addressed to "%s"',
    (host) => {
      // Act
      const refusal = guard.refusal({ host }, 'GET');

      // Assess
      expect(refusal).toMatch(/this machine|Host header/);
    },
  );

  it('refuses a request with no Host header', () => {
    // Act
    const refusal = guard.refusal({}, 'GET');

    // Assess
    expect(refusal).toMatch(/no Host header/);
  });

  it.each(['http://evil.example:3000', 'http://localhost:5173', 'https://127.0.0.1:3000', 'null', 'http://127.0.0.1:3000/path'])('refuses a POST from the Origin %s', (origin) => {
    // Act
    const refusal = guard.refusal({ host: '127.0.0.1:3000', origin }, 'POST');

    // Assess
    expect(refusal).toMatch(/cross-site/);
  });

  it.each(['http://127.0.0.1:3000', 'http://localhost:3000', 'http://[::1]:3000'])('accepts a POST from the page at %s', (origin) => {
    // Act
    const refusal = guard.refusal({ host: '127.0.0.1:3000', origin }, 'POST');

    // Assess
    expect(refusal).toBeUndefined();
  });

  it('answers the exact non-loopback host the server was told to listen on, and no other', () => {
    // Prepare
    const lan = createHostGuard({ listenHost: '192.168.1.20', port: 3000 });

    // Act
    const answers = ['192.168.1.20:3000', '192.168.1.21:3000', 'localhost:3000'].map((host) => lan.refusal({ host }, 'GET') === undefined);

    // Assess
    expect(answers).toEqual([true, false, true]);
  });
});
