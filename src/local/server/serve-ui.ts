/** @module Local stack (HTTP edge): serves the preview page — the built app when there is one, otherwise Vite in middleware mode. */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import path from 'node:path';

export const UI_ROOT = path.resolve(import.meta.dirname, '../ui');
export const UI_DIST = path.join(UI_ROOT, 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export interface UiHandler {
  /** `built` serves files from a folder; `vite` compiles on request (slower first load, no build step). */
  mode: 'built' | 'vite';
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  close(): Promise<void>;
}

/** Serves `dir` (index.html for every path that is not a file, as a single-page app needs). */
export function serveBuiltUi(dir: string): UiHandler {
  const root = path.resolve(dir);
  return {
    mode: 'built',
    async handle(req, res) {
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://local').pathname);
      let file = path.resolve(root, `.${pathname}`);
      // Never outside the folder, whatever `..` the path holds.
      if (!file.startsWith(root + path.sep) && file !== root) file = path.join(root, 'index.html');
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) file = path.join(root, 'index.html');
      const body = await readFile(file);
      const hashed = file.includes(`${path.sep}assets${path.sep}`);
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    },
    async close() {},
  };
}

/** Vite in middleware mode, for working on the page itself (changes show on reload). */
export async function serveViteUi(server: Server): Promise<UiHandler> {
  const vite = await import('vite');
  const dev = await vite.createServer({
    configFile: path.join(UI_ROOT, 'vite.config.ts'),
    root: UI_ROOT,
    appType: 'spa',
    logLevel: 'warn',
    server: { middlewareMode: true, hmr: { server } },
  });
  return {
    mode: 'vite',
    handle: (req, res) =>
      new Promise<void>((resolve) => {
        dev.middlewares(req, res, () => {
          res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
          res.end('not found');
          resolve();
        });
        res.on('finish', () => resolve());
      }),
    close: () => dev.close(),
  };
}

/** The built page when `dir` holds one, otherwise Vite. */
export async function uiHandlerFor(dir: string, server: Server): Promise<UiHandler> {
  return existsSync(path.join(dir, 'index.html')) ? serveBuiltUi(dir) : serveViteUi(server);
}
