/** @module Infrastructure (status page): the CloudFront Function in front of the page — a folder address serves its index.html, and an optional IPv4 allow-list answers everyone else 403. */

/** `a.b.c.d` or `a.b.c.d/n` as [network, mask] numbers. */
function parseRange(range: string): [number, number] {
  const [address, bits = '32'] = range.split('/');
  const value = address!.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
  const n = Number(bits);
  const mask = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
  return [(value & mask) >>> 0, mask];
}

/**
 * The function's code (cloudfront-js-2.0). Ranges are compiled in as numbers, so the function
 * parses nothing but the viewer's address; with no ranges, it only maps `/…/` to `/…/index.html`.
 */
export function viewerRequestCode(allowIps: readonly string[] = []): string {
  const ranges = JSON.stringify(allowIps.map(parseRange));
  return `var RANGES = ${ranges};
function allowed(ip) {
  if (RANGES.length === 0) return true;
  var parts = ip.split('.');
  if (parts.length !== 4) return false;
  var value = 0;
  for (var i = 0; i < 4; i++) value = value * 256 + Number(parts[i]);
  for (var j = 0; j < RANGES.length; j++) if (((value & RANGES[j][1]) >>> 0) === RANGES[j][0]) return true;
  return false;
}
function handler(event) {
  var request = event.request;
  if (!allowed(event.viewer.ip)) {
    return { statusCode: 403, statusDescription: 'Forbidden', headers: { 'content-type': { value: 'text/plain' }, 'cache-control': { value: 'no-store' } }, body: 'This status page is only open to your organisation\\'s network.' };
  }
  if (request.uri.endsWith('/')) request.uri += 'index.html';
  return request;
}
`;
}
