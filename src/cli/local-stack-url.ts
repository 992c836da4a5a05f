/** @module CLI: where commands find the running local stack when `--url` is not given — the port `npm start` was told (`PORT`), else 3000. */

/** `PORT=3917 npm start` then `PORT=3917 npx clarion report` works without `--url`, as it would with one shell. */
export function localStackUrl(url: string | undefined, env: Record<string, string | undefined>): string {
  if (url) return url;
  const port = env['PORT'];
  return `http://127.0.0.1:${port && /^\d{1,5}$/.test(port) ? port : '3000'}`;
}
