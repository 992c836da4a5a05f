// Commands that talk to the running stack find it on the port npm start was given.
import { describe, expect, it } from 'vitest';
import { localStackUrl } from '../../src/cli/local-stack-url.ts';

describe('CLI: the local stack URL', () => {
  it('uses --url when given', () => {
    expect(localStackUrl('http://127.0.0.1:4000', { PORT: '3917' })).toBe('http://127.0.0.1:4000');
  });

  it('uses PORT when there is no --url', () => {
    expect(localStackUrl(undefined, { PORT: '3917' })).toBe('http://127.0.0.1:3917');
  });

  it('falls back to 3000 without PORT, or with one that is not a port number', () => {
    expect([localStackUrl(undefined, {}), localStackUrl(undefined, { PORT: 'http://evil' })]).toEqual(['http://127.0.0.1:3000', 'http://127.0.0.1:3000']);
  });
});
