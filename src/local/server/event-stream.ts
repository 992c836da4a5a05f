/** @module Local stack (HTTP edge): server-sent events to every open preview page. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface EventStream {
  /** Holds the response open as an SSE stream until the client goes away. */
  attach(req: IncomingMessage, res: ServerResponse): void;
  send(event: string, data: unknown): void;
  close(): void;
}

export function createEventStream(options: { heartbeatMs?: number } = {}): EventStream {
  const clients = new Set<ServerResponse>();
  // Proxies and browsers drop idle streams; a comment line every so often keeps them open.
  const heartbeat = setInterval(() => {
    for (const res of clients) res.write(': keep-alive\n\n');
  }, options.heartbeatMs ?? 15_000);
  heartbeat.unref();

  return {
    attach(req, res) {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write('retry: 1000\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
    },
    send(event, data) {
      const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
      for (const res of clients) res.write(frame);
    },
    close() {
      clearInterval(heartbeat);
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}
