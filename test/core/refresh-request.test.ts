import { describe, expect, it } from 'vitest';
import { parseRefreshRequest } from '../../src/core/refresh-request.ts';

describe('Refresh requests on the queue', () => {
  it('reads a request Clarion wrote', () => {
    // Act
    const request = parseRefreshRequest({ clarion: 'refresh', alertKey: 'k', reason: 'missing-posts', audiences: ['techies'] });

    // Assess
    expect(request).toEqual({ clarion: 'refresh', alertKey: 'k', reason: 'missing-posts', audiences: ['techies'] });
  });

  it('takes a refresh whose reason is missing or unknown as a fix confirmation, which never posts anything new', () => {
    // Act
    const requests = [parseRefreshRequest({ clarion: 'refresh', alertKey: 'k' }), parseRefreshRequest({ clarion: 'refresh', alertKey: 'k', reason: 'soon' })];

    // Assess
    expect(requests.map((r) => r && 'reason' in r && r.reason)).toEqual(['quiet-period', 'quiet-period']);
  });

  it('reads audiences that are not a list of names as every audience', () => {
    // Act
    const request = parseRefreshRequest({ clarion: 'refresh', alertKey: 'k', reason: 'missing-posts', audiences: 'techies' });

    // Assess
    expect(request).toEqual({ clarion: 'refresh', alertKey: 'k', reason: 'missing-posts' });
  });

  it('is not a request without the key it is about, nor with a kind Clarion does not write', () => {
    // Act
    const parsed = [
      parseRefreshRequest({ clarion: 'refresh', reason: 'quiet-period' }),
      parseRefreshRequest({ clarion: 'refresh-group', groupKey: 42 }),
      parseRefreshRequest({ clarion: 'escalate', alertKey: 'k' }),
      parseRefreshRequest({ clarion: 'summary', trigger: 'whenever' }),
      parseRefreshRequest({ source: 'aws.cloudwatch', detail: {} }),
    ];

    // Assess
    expect(parsed).toEqual([null, null, null, null, null]);
  });
});
